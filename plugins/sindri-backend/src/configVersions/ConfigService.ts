import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ConfigApplied,
  ConfigVersion,
  describeIssue,
  FleetInstance,
} from '@internal/plugin-sindri-common';
import {
  DeployAccess,
  DeploymentService,
} from '../deployments/DeploymentService';
import { withoutLog } from '../deployments/deploymentAccess';
import { DriftService } from '../drift/DriftService';
import { ConfigVersionStore, StoredConfigVersion } from './ConfigVersionStore';

/**
 * An instance's configuration over time: the stored versions with the
 * operations that applied them, checking an edit, and applying it as an
 * `update` (stored as the next version, then redeployed by its driver).
 */
export class ConfigService {
  constructor(
    private readonly deps: {
      versions: ConfigVersionStore;
      deployments: DeploymentService;
      drift: DriftService;
    },
  ) {}

  /** Newest first; the operation of each without its log (the operations tab shows that to who may see it). */
  async list(instance: FleetInstance): Promise<ConfigVersion[]> {
    await this.requireDeployed(instance);
    const versions = await this.deps.versions.list(instance.id);
    const newest = versions[0]?.version;
    return Promise.all(versions.map(async v => this.describe(v, newest)));
  }

  /** One version with its text; `sees` says whether this reader may read the text. */
  async get(
    instance: FleetInstance,
    version: number,
    sees: (
      v: StoredConfigVersion,
      deploymentAuthor: string,
    ) => Promise<boolean>,
  ): Promise<ConfigVersion> {
    const deployment = await this.requireDeployed(instance);
    const stored = await this.deps.versions.get(instance.id, version);
    if (!stored)
      throw new NotFoundError(`${instance.name} has no version ${version}`);
    const newest = await this.deps.versions.newestNumber(instance.id);
    const described = await this.describe(stored, newest);
    return (await sees(stored, deployment.createdBy))
      ? { ...described, sindriYaml: stored.sindriYaml }
      : { ...described, sindriYamlHidden: true };
  }

  async validate(
    instance: FleetInstance,
    sindriYaml: string,
    access: DeployAccess,
  ) {
    await this.requireDeployed(instance);
    const { valid, issues } = await this.deps.deployments.validateUpdate(
      instance,
      sindriYaml,
      access,
    );
    return { valid, issues };
  }

  /** Validates, stores the next version (only on top of `baseVersion`) and starts the update that applies it. */
  async apply(
    instance: FleetInstance,
    request: { sindriYaml: string; baseVersion: number },
    actor: string,
    access: DeployAccess,
  ): Promise<ConfigApplied> {
    const { valid, issues } = await this.validate(
      instance,
      request.sindriYaml,
      access,
    );
    if (!valid)
      throw new InputError(
        `sindriYaml: ${issues.map(describeIssue).join('; ')}`,
      );
    const { versions } = this.deps;
    const stale = async () =>
      new ConflictError(
        `baseVersion: version ${await versions.newestNumber(
          instance.id,
        )} was stored after version ${
          request.baseVersion
        }; load it and edit again`,
      );
    // refused before the transition is taken; the transaction below settles a race
    if ((await versions.newestNumber(instance.id)) !== request.baseVersion)
      throw await stale();
    let version = 0;
    const started = await this.deps.deployments.update(
      instance,
      request.sindriYaml,
      actor,
      access,
      async operationId => {
        const stored = await versions.declare(instance.id, {
          sindriYaml: request.sindriYaml,
          createdBy: actor,
          base: request.baseVersion,
          operationId,
        });
        if (stored === undefined) throw await stale();
        version = stored;
      },
    );
    // what is declared changed: the instance drifts until it reports the new file
    await this.deps.drift.check(instance.id);
    return { ...started, version };
  }

  private async requireDeployed(instance: FleetInstance) {
    const deployment = await this.deps.deployments.getDeployment(instance.id);
    if (!deployment)
      throw new NotFoundError(
        `${instance.name} was not deployed by the portal: it has no stored sindri.yaml`,
      );
    return deployment;
  }

  private async describe(
    v: Omit<StoredConfigVersion, 'sindriYaml'>,
    newest: number | undefined,
  ): Promise<ConfigVersion> {
    const operation = v.operationId
      ? await this.deps.deployments.getOperation(v.operationId)
      : undefined;
    return {
      version: v.version,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      current: v.version === newest,
      ...(operation ? { operation: withoutLog(operation) } : {}),
    };
  }
}
