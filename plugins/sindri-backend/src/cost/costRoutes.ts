import {
  instanceEntityRef,
  instanceNameSchema,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { InstanceService } from '../instances/InstanceService';
import { CostService } from './CostService';

/** `GET /instances/{name}/cost` and `GET /fleet/cost`: the list-price estimate of what the readable fleet costs. */
export function registerCostRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    cost: CostService;
  },
) {
  router.get('/instances/:name/cost', async (req, res) => {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    await deps.guard.require(
      req,
      sindriInstanceReadPermission,
      instanceEntityRef(name),
    );
    res.json(
      await deps.cost.instanceCost(await deps.instances.getEnrolled(name)),
    );
  });
  router.get('/fleet/cost', async (req, res) => {
    res.json(
      await deps.cost.fleetCost(
        await deps.guard.requireInstanceFilter(
          req,
          sindriInstanceReadPermission,
        ),
      ),
    );
  });
}
