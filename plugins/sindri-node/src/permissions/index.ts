export { sindriInstancePermissionResourceRef } from './resourceRef';
export type { InstanceQuery } from './resourceRef';
export { isOwner, hasProvider, sindriInstanceRules } from './rules';
export { sindriInstanceConditions, createSindriInstanceConditionalDecision } from './conditions';
