import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  sindriConfigFieldPermissionResourceRef,
  sindriDriverPermissionResourceRef,
  sindriInstancePermissionResourceRef,
} from './resourceRef';
import {
  sindriConfigFieldRules,
  sindriDriverRules,
  sindriInstanceRules,
} from './rules';

const instance = createConditionExports({
  resourceRef: sindriInstancePermissionResourceRef,
  rules: sindriInstanceRules,
});
const driver = createConditionExports({
  resourceRef: sindriDriverPermissionResourceRef,
  rules: sindriDriverRules,
});
const field = createConditionExports({
  resourceRef: sindriConfigFieldPermissionResourceRef,
  rules: sindriConfigFieldRules,
});

/**
 * Conditions for policies: `sindriInstanceConditions.isOwner({ claims })`,
 * `sindriInstanceConditions.hasProvider({ providers })`.
 *
 * @public
 */
export const sindriInstanceConditions = instance.conditions;

/** @public */
export const createSindriInstanceConditionalDecision =
  instance.createConditionalDecision;

/** `sindriDriverConditions.isDriver({ drivers })`. @public */
export const sindriDriverConditions = driver.conditions;

/** @public */
export const createSindriDriverConditionalDecision =
  driver.createConditionalDecision;

/** `sindriConfigFieldConditions.isField({ fields })`. @public */
export const sindriConfigFieldConditions = field.conditions;

/** @public */
export const createSindriConfigFieldConditionalDecision =
  field.createConditionalDecision;
