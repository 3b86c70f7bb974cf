import {
  eventsQuerySchema,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { readableInstance } from '../instances/instanceRoutes';
import { InstanceService } from '../instances/InstanceService';
import { EventService } from './EventService';

/** `/events` (the fleet's activity) and `/instances/{name}/events` (one timeline). */
export function registerEventRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    events: EventService;
  },
) {
  const { guard, events } = deps;

  router.get('/events', async (req, res) => {
    const readable = await guard.requireInstanceFilter(
      req,
      sindriInstanceReadPermission,
    );
    const query = parse(eventsQuerySchema, req.query, 'query');
    res.json(await events.page(query, readable));
  });

  router.get('/instances/:name/events', async (req, res) => {
    const { instance } = await readableInstance(req, deps);
    const query = parse(
      eventsQuerySchema.omit({ instance: true }),
      req.query,
      'query',
    );
    res.json(
      await events.page({ ...query, instanceId: instance.id }, { kind: 'all' }),
    );
  });
}
