import { sindriMetricsReadPermission } from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { FleetMetrics } from './FleetMetrics';

/** `GET /metrics`: the fleet for Prometheus, to callers with `sindri.metrics.read`. */
export function registerMetricsRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; metrics: FleetMetrics },
) {
  router.get('/metrics', async (req, res) => {
    await deps.guard.require(req, sindriMetricsReadPermission);
    const { contentType, text } = await deps.metrics.exposition();
    // exactly the exposition's type: express would add a charset to it
    res.setHeader('Content-Type', contentType);
    res.end(text);
  });
}
