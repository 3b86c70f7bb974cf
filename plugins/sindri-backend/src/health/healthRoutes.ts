import { SindriRouter } from '../http/types';
import { HealthService } from './HealthService';

/** `/health`: answers without credentials, 503 while the database does not answer. */
export function registerHealthRoutes(
  router: SindriRouter,
  health: HealthService,
) {
  router.get('/health', async (_req, res) => {
    const body = await health.check();
    res.status(body.database.reachable ? 200 : 503).json(body);
  });
}
