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
    const readable = await deps.guard.requireInstanceFilter(
      req,
      sindriInstanceReadPermission,
    );
    res.json(await deps.fleet.summary(readable));
  });
}
