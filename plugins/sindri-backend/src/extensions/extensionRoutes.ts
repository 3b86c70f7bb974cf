import express from 'express';
import {
  sindriExtensionReadPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { ExtensionService } from './ExtensionService';

/** `GET /extensions`, `GET /extensions/{name}` and `GET /fleet/extensions`: the registry, and how the fleet the caller may read uses it. */
export function registerExtensionRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; extensions: ExtensionService },
) {
  const readableBy = async (req: express.Request<any, any, any, any>) => {
    const credentials = await deps.guard.require(
      req,
      sindriExtensionReadPermission,
    );
    return deps.guard.instanceFilter(credentials, sindriInstanceReadPermission);
  };
  router.get('/extensions', async (req, res) => {
    res.json(await deps.extensions.list(await readableBy(req)));
  });
  router.get('/fleet/extensions', async (req, res) => {
    res.json(await deps.extensions.usage(await readableBy(req)));
  });
  router.get('/extensions/:name', async (req, res) => {
    res.json(await deps.extensions.get(req.params.name, await readableBy(req)));
  });
}
