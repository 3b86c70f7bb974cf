import {
  allowedFields,
  catalogManagers,
  driversButLocal,
  entitiesAndOwnInstances,
  entitiesButInstances,
  Grant,
  no,
  ownInstances,
  ownTasks,
  yes,
} from './grants';
import { Role } from './roles';

/** One permission of one plugin, and how each role is answered. */
export interface PermissionRow {
  plugin: string;
  name: string;
  grants: Record<Role, Grant>;
}

const row = (
  plugin: string,
  name: string,
  [admin, operator, developer, viewer, none]: Grant[],
): PermissionRow => ({
  plugin,
  name,
  grants: { admin, operator, developer, viewer, none },
});

/**
 * Every permission of every plugin this portal runs, decided deliberately per
 * role (admin, operator, developer, viewer, none). A permission not in this
 * table is refused for everyone: a new plugin's permissions are decided here
 * before anyone gets them. The README's table is rendered from this one.
 */
export const PERMISSION_TABLE: PermissionRow[] = [
  // grants, in order: admin, operator, developer, viewer, none
  row('sindri', 'sindri.instance.read', [yes, yes, ownInstances, yes, no]),
  row('sindri', 'sindri.instance.audit.read', [
    yes,
    yes,
    ownInstances,
    ownInstances,
    no,
  ]),
  row('sindri', 'sindri.instance.terminal', [yes, yes, ownInstances, no, no]),
  row('sindri', 'sindri.instance.command', [yes, yes, no, no, no]),
  row('sindri', 'sindri.instance.lifecycle', [yes, yes, ownInstances, no, no]),
  row('sindri', 'sindri.instance.create', [yes, yes, yes, no, no]),
  row('sindri', 'sindri.driver.use', [
    yes,
    driversButLocal,
    driversButLocal,
    no,
    no,
  ]),
  row('sindri', 'sindri.config.field.set', [
    yes,
    allowedFields,
    allowedFields,
    no,
    no,
  ]),
  row('sindri', 'sindri.enrollment.manage', [yes, no, no, no, no]),
  row('sindri', 'sindri.metrics.read', [yes, yes, no, no, no]),
  row('sindri', 'sindri.alert.read', [yes, yes, yes, yes, no]),
  row('sindri', 'sindri.alert.manage', [yes, yes, no, no, no]),
  row('sindri', 'sindri.alert.respond', [yes, yes, ownInstances, no, no]),
  row('sindri', 'sindri.extension.read', [yes, yes, yes, yes, no]),
  row('sindri', 'sindri.budget.read', [yes, yes, yes, yes, no]),
  row('sindri', 'sindri.budget.manage', [yes, no, no, no, no]),
  row('catalog', 'catalog.entity.read', [
    yes,
    yes,
    entitiesAndOwnInstances,
    yes,
    entitiesButInstances,
  ]),
  row('catalog', 'catalog.entity.create', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.entity.refresh', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.entity.delete', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.entity.validate', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.location.read', [yes, yes, no, no, no]),
  row('catalog', 'catalog.location.create', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.location.analyze', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.location.delete', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('catalog', 'catalog.ingestion.read', [yes, yes, no, no, no]),
  row('catalog', 'catalog.ingestion.manage', [
    catalogManagers,
    catalogManagers,
    catalogManagers,
    catalogManagers,
    no,
  ]),
  row('scaffolder', 'scaffolder.template.parameter.read', [
    yes,
    yes,
    yes,
    yes,
    yes,
  ]),
  row('scaffolder', 'scaffolder.template.step.read', [yes, yes, yes, yes, yes]),
  row('scaffolder', 'scaffolder.task.create', [yes, yes, yes, no, no]),
  row('scaffolder', 'scaffolder.template.dry-run', [yes, yes, yes, no, no]),
  row('scaffolder', 'scaffolder.action.execute', [yes, yes, yes, no, no]),
  row('scaffolder', 'scaffolder.task.read', [
    yes,
    yes,
    ownTasks,
    ownTasks,
    ownTasks,
  ]),
  row('scaffolder', 'scaffolder.task.cancel', [
    yes,
    yes,
    ownTasks,
    ownTasks,
    ownTasks,
  ]),
  row('scaffolder', 'scaffolder.template.management', [yes, no, no, no, no]),
  row('kubernetes', 'kubernetes.clusters.read', [yes, yes, yes, yes, no]),
  row('kubernetes', 'kubernetes.resources.read', [yes, yes, yes, yes, no]),
  row('kubernetes', 'kubernetes.proxy', [yes, no, no, no, no]),
];
