import yaml from 'yaml';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AllowedOrganizations,
  CreateDeploymentRequest,
  describeIssue,
  guardedFieldUses,
  hostReferences,
  SindriConfigValidator,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from './DeploymentStore';
import { retarget } from './retarget';
import { DeployAccess } from './types';

/**
 * Turns what a create request gives (sindri.yaml text, a document, or an
 * instance to clone) into the document to deploy, and judges it: valid as
 * `sindri config validate` says, nothing that reads the portal's own host, and
 * only the guarded fields this caller may set.
 */
export class DocumentResolver {
  constructor(
    private readonly deps: {
      validator: SindriConfigValidator;
      instances: InstanceStore;
      store: DeploymentStore;
      organizations?: AllowedOrganizations;
    },
  ) {}

  /**
   * Checks sindri.yaml text as `sindri config validate` does, then for what
   * the portal will not deploy (fields that read the portal's own files) and
   * the guarded fields this caller may not set.
   */
  async validate(sindriYaml: string, access: DeployAccess) {
    const verdict = this.deps.validator.checkText(sindriYaml);
    const refused = verdict.document
      ? [
          ...hostReferences(verdict.document),
          ...(await this.refusedFields(verdict.document, access)),
        ]
      : [];
    return {
      ...verdict,
      valid: verdict.valid && !refused.length,
      issues: [...verdict.issues, ...refused],
    };
  }

  /**
   * Checks an edit of a deployed instance's sindri.yaml: as `validate` does,
   * and that it keeps the instance's name and provider (another provider is
   * a clone, not an update).
   */
  async validateUpdate(
    sindriYaml: string,
    current: { name: string; sindriYaml: string },
    access: DeployAccess,
  ) {
    const verdict = await this.validate(sindriYaml, access);
    const document = verdict.document as
      | { name?: unknown; deployment?: { provider?: unknown } }
      | undefined;
    if (!document || typeof document !== 'object') return verdict;
    const issues = [...verdict.issues];
    if (document.name !== current.name)
      issues.push({
        pointer: '/name',
        message: `must stay "${current.name}": an update keeps the instance's name`,
      });
    const provider = (yaml.parse(current.sindriYaml) as typeof document)
      ?.deployment?.provider;
    if (document.deployment?.provider !== provider)
      issues.push({
        pointer: '/deployment/provider',
        message: `must stay "${provider}": clone the instance to move it to another provider`,
      });
    return { ...verdict, valid: !issues.length, issues };
  }

  /** The guarded fields of a document that this caller may not set, as issues naming each field. */
  private async refusedFields(document: unknown, access: DeployAccess) {
    const uses = guardedFieldUses(document, this.deps.organizations);
    if (!uses.length) return [];
    const allowed = await access.allowedFields([
      ...new Set(uses.map(u => u.field)),
    ]);
    return uses
      .filter(u => !allowed.has(u.field))
      .map(({ pointer, message }) => ({
        pointer,
        message: `${message}: not permitted for you`,
      }));
  }

  /**
   * The document a create request names, as written: its text parsed, its
   * config, or its clone source's stored file moved to the requested provider
   * and region. Not checked: what a cost estimate of a form reads.
   */
  async draft(
    request: Pick<
      CreateDeploymentRequest,
      'sindriYaml' | 'config' | 'cloneFrom' | 'provider' | 'region'
    >,
  ): Promise<{ field: string; document: Record<string, unknown> }> {
    if (request.sindriYaml !== undefined) {
      const parsed = this.deps.validator.checkText(request.sindriYaml);
      if (
        !parsed.document ||
        typeof parsed.document !== 'object' ||
        Array.isArray(parsed.document)
      ) {
        throw new InputError(
          `sindriYaml: ${
            parsed.issues.map(describeIssue).join('; ') ||
            'must be a YAML mapping'
          }`,
        );
      }
      return {
        field: 'sindriYaml',
        document: parsed.document as Record<string, unknown>,
      };
    }
    if (request.cloneFrom !== undefined) {
      const source = await this.deps.instances.getByName(request.cloneFrom);
      const deployment = source && (await this.deps.store.get(source.id));
      if (!deployment)
        throw new NotFoundError(
          `cloneFrom: no instance named ${request.cloneFrom} with a stored sindri.yaml`,
        );
      return {
        field: 'cloneFrom',
        document: retarget(
          yaml.parse(deployment.sindriYaml),
          request.provider,
          request.region,
        ),
      };
    }
    return { field: 'config', document: structuredClone(request.config!) };
  }

  /** The document a create request deploys, checked: valid, nothing of the portal host, only permitted guarded fields. */
  async resolve(
    request: CreateDeploymentRequest,
    access: DeployAccess,
  ): Promise<Record<string, unknown>> {
    const { field, document } = await this.draft(request);
    document.name = request.name;
    const verdict = this.deps.validator.check(document);
    if (!verdict.valid) {
      throw new InputError(
        `${field}: the sindri.yaml is invalid: ${verdict.issues
          .map(describeIssue)
          .join('; ')}`,
      );
    }
    const refused = [
      ...hostReferences(document),
      ...(await this.refusedFields(document, access)),
    ];
    if (refused.length) {
      throw new InputError(
        `${field}: the portal does not deploy this sindri.yaml: ${refused
          .map(describeIssue)
          .join('; ')}`,
      );
    }
    return document;
  }
}
