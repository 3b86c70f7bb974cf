/**
 * Scaffolder module with the Sindri template actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSindri as default } from './module';
export { createSindriActions } from './actions';
export { createDeployAction, DEPLOY_ACTION_ID } from './actions/deploy';
export { createCloneAction, CLONE_ACTION_ID } from './actions/clone';
export { createDestroyAction, DESTROY_ACTION_ID } from './actions/destroy';
export type { DeploymentsApi } from './actions/followOperation';
