import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readRoleMapping } from './roles';
import { renderPermissionTable } from './renderPermissionTable';

describe("the README's permission table", () => {
  it("is the policy's own table, with the default settings", () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const between =
      /<!-- permission-table:start -->\n([\s\S]*?)<!-- permission-table:end -->/.exec(
        readme,
      );
    expect(between?.[1]).toBe(
      renderPermissionTable(readRoleMapping(new ConfigReader({}))),
    );
  });
});
