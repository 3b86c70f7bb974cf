import { z } from 'zod';
import { NotFoundError } from '@backstage/errors';
import {
  applyConfigRequestSchema,
  instanceEntityRef,
  sindriInstanceAuditReadPermission,
  sindriInstanceLifecyclePermission,
  validateConfigRequestSchema,
} from '@internal/plugin-sindri-common';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { deploymentAccess } from '../deployments/deploymentAccess';
import { DeploymentRouteOptions } from '../deployments/deploymentRoutes';
import { DriftService } from '../drift/DriftService';
import { ConfigService } from './ConfigService';

/**
 * `/instances/{name}/config/*` (versions, checking and applying an edit) and
 * `/instances/{name}/drift`.
 */
export function registerConfigRoutes(
  router: SindriRouter,
  options: DeploymentRouteOptions & {
    config: ConfigService;
    drift: DriftService;
  },
) {
  const { guard, config, drift } = options;
  const { accessOf, refusedAsTooLarge, permittedInstance } =
    deploymentAccess(options);

  router.get('/instances/:name/drift', async (req, res) => {
    const { instance } = await permittedInstance(req);
    // a read: an instance whose drift was never computed gets it as it would be now, nothing stored
    const stored = await drift.get(instance.id);
    if (stored) {
      res.json(stored);
      return;
    }
    const computed = await drift.compute(instance.id);
    if (!computed)
      throw new NotFoundError(`no instance named ${instance.name}`);
    res.json(computed.drift);
  });

  router.get('/instances/:name/config/versions', async (req, res) => {
    const { instance } = await permittedInstance(req);
    res.json({ items: await config.list(instance) });
  });

  router.get('/instances/:name/config/versions/:version', async (req, res) => {
    const { instance, credentials } = await permittedInstance(req);
    const version = parse(
      z.coerce.number().int().min(1).max(2_147_483_647),
      req.params.version,
      'version',
    );
    const me = principalRef(credentials);
    res.json(
      await config.get(
        instance,
        version,
        async (stored, deploymentAuthor) =>
          stored.createdBy === me ||
          deploymentAuthor === me ||
          guard.allows(
            credentials,
            sindriInstanceAuditReadPermission,
            instanceEntityRef(instance.name),
          ),
      ),
    );
  });

  router.post('/instances/:name/config/validate', async (req, res) => {
    const { instance, credentials } = await permittedInstance(
      req,
      sindriInstanceLifecyclePermission,
    );
    if (refusedAsTooLarge(req, res)) return;
    const { sindriYaml } = parse(validateConfigRequestSchema, req.body, '');
    res.json(
      await config.validate(instance, sindriYaml, accessOf(credentials)),
    );
  });

  router.post('/instances/:name/config', async (req, res) => {
    const { instance, credentials } = await permittedInstance(
      req,
      sindriInstanceLifecyclePermission,
    );
    if (refusedAsTooLarge(req, res)) return;
    const body = parse(applyConfigRequestSchema, req.body, '');
    res
      .status(202)
      .json(
        await config.apply(
          instance,
          body,
          principalRef(credentials),
          accessOf(credentials),
        ),
      );
  });
}
