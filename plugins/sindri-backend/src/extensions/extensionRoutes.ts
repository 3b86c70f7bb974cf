import {
  sindriExtensionReadPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { ExtensionService } from './ExtensionService';

/** `GET /extensions`: the registry, and how the fleet the caller may read uses it. */
export function registerExtensionRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; extensions: ExtensionService },
) {
  router.get('/extensions', async (req, res) => {
    const credentials = await deps.guard.require(
      req,
      sindriExtensionReadPermission,
    );
    const readable = await deps.guard.instanceFilter(
      credentials,
      sindriInstanceReadPermission,
    );
    res.json(await deps.extensions.list(readable));
  });
}
