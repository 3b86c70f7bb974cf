export {
  sindriInstancePermissionResourceRef,
  sindriDriverPermissionResourceRef,
  sindriConfigFieldPermissionResourceRef,
} from './resourceRef';
export type {
  InstanceQuery,
  NamedResource,
  NamedResourceQuery,
} from './resourceRef';
export {
  isOwner,
  hasProvider,
  isDriver,
  isField,
  sindriInstanceRules,
  sindriDriverRules,
  sindriConfigFieldRules,
} from './rules';
export {
  sindriInstanceConditions,
  createSindriInstanceConditionalDecision,
  sindriDriverConditions,
  createSindriDriverConditionalDecision,
  sindriConfigFieldConditions,
  createSindriConfigFieldConditionalDecision,
} from './conditions';
