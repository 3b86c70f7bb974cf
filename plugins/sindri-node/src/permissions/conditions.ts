import { createConditionExports } from '@backstage/plugin-permission-node';
import { sindriInstancePermissionResourceRef } from './resourceRef';
import { sindriInstanceRules } from './rules';

const exported = createConditionExports({
  resourceRef: sindriInstancePermissionResourceRef,
  rules: sindriInstanceRules,
});

/**
 * Conditions for policies: `sindriInstanceConditions.isOwner({ claims })`,
 * `sindriInstanceConditions.hasProvider({ providers })`.
 *
 * @public
 */
export const sindriInstanceConditions = exported.conditions;

/** @public */
export const createSindriInstanceConditionalDecision = exported.createConditionalDecision;
