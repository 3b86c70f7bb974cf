import {
  AllowedOrganizations,
  GuardedFieldId,
} from '@internal/plugin-sindri-common';

export interface DeploymentSettings {
  /** where each instance's work dir (its sindri.yaml, CLI state) lives */
  workDir: string;
  /** the backend URL agents of new instances phone home to */
  consoleUrl: () => Promise<string>;
  /** how long one driver operation may take */
  operationTimeoutMs: number;
  /** how long a new or resumed instance's agent has to register */
  registrationTimeoutMs: number;
  /** how long a deploy waits for the new instance's entity in the catalog (0: not at all) */
  catalogTimeoutMs: number;
  /** provider organisations the platform deploys into; another one is a guarded field */
  organizations?: AllowedOrganizations;
}

/** What the caller may deploy with, as the permission policy decides it. */
export interface DeployAccess {
  mayUseDriver(driverId: string): Promise<boolean>;
  /** the guarded fields among these that the caller may set */
  allowedFields(fields: GuardedFieldId[]): Promise<Set<GuardedFieldId>>;
}

/**
 * Asked before anything is deployed for a create or clone, and before a
 * resume: throws to refuse, returns a warning to pass on to the caller.
 */
export interface SpendGate {
  beforeCreate(
    owner: string,
    document: Record<string, unknown>,
    action: 'create' | 'clone',
  ): Promise<string | undefined>;
  beforeResume(
    owner: string,
    sindriYaml: string,
    instanceName: string,
  ): Promise<string | undefined>;
}
