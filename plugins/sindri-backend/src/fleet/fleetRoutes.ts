import { NotAllowedError } from '@backstage/errors';
import { sindriInstanceReadPermission } from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { FleetSummaryService } from './FleetSummaryService';

/** `GET /fleet/summary`: the overview of the fleet the caller may read. */
export function registerFleetRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; fleet: FleetSummaryService },
) {
  router.get('/fleet/summary', async (req, res) => {
    const readable = await deps.guard.instanceFilter(
      await deps.guard.credentials(req),
      sindriInstanceReadPermission,
    );
    if (readable.kind === 'none')
      throw new NotAllowedError(
        `not permitted: ${sindriInstanceReadPermission.name}`,
      );
    res.json(await deps.fleet.summary(readable));
  });
}
