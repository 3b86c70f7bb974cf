import express from 'express';
import { NotFoundError } from '@backstage/errors';
import { sindriInstanceReadPermission } from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { readableInstance } from '../instances/instanceRoutes';
import { InstanceService } from '../instances/InstanceService';
import { SecurityService } from './SecurityService';

/** A CycloneDX document as a download, with its own media type (not plain JSON). */
function sendBom(res: express.Response, file: string, bom: string) {
  res.attachment(file);
  res.setHeader(
    'Content-Type',
    'application/vnd.cyclonedx+json; charset=utf-8',
  );
  res.end(bom);
}

/** `/instances/{name}/security|sbom` and `/fleet/security|sbom`: what the readable fleet has installed and exposes. */
export function registerSecurityRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    security: SecurityService;
  },
) {
  const { guard, security } = deps;
  const readableFleet = (
    req: Parameters<typeof guard.requireInstanceFilter>[0],
  ) => guard.requireInstanceFilter(req, sindriInstanceReadPermission);

  router.get('/instances/:name/security', async (req, res) => {
    const { instance } = await readableInstance(req, deps, { enrolled: true });
    res.json(await security.instanceSecurity(instance));
  });

  router.get('/instances/:name/sbom', async (req, res) => {
    const { instance } = await readableInstance(req, deps, { enrolled: true });
    const bom = await security.instanceSbom(instance);
    if (!bom)
      throw new NotFoundError(
        `${instance.name}'s agent has not reported what is installed yet`,
      );
    sendBom(res, `${instance.name}.cdx.json`, bom);
  });

  router.get('/fleet/security', async (req, res) => {
    res.json(await security.fleetSecurity(await readableFleet(req)));
  });

  router.get('/fleet/sbom', async (req, res) => {
    sendBom(
      res,
      'fleet.cdx.json',
      await security.fleetSbom(await readableFleet(req)),
    );
  });
}
