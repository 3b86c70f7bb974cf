import { PERMISSION_TABLE } from './permissionTable';
import { Role, RoleMapping } from './roles';

const COLUMNS: Array<[Role, string]> = [
  ['admin', 'admin'],
  ['operator', 'operator'],
  ['developer', 'developer'],
  ['viewer', 'viewer'],
  ['none', 'no role'],
];

/** The policy's table as Markdown, for the README: what each role may do in each plugin. */
export function renderPermissionTable(settings: RoleMapping): string {
  const lines = [
    `| Plugin | Permission | ${COLUMNS.map(([, title]) => title).join(
      ' | ',
    )} |`,
    `| --- | --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...PERMISSION_TABLE.map(
      row =>
        `| ${row.plugin} | \`${row.name}\` | ${COLUMNS.map(([role]) =>
          row.grants[role].describe(settings, role),
        ).join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
