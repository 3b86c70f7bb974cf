import express from 'express';
import {
  instanceEntityRef,
  instanceNameSchema,
  metricsQuerySchema,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { InstanceService } from './InstanceService';

/**
 * The named registered instance (or, with `enrolled`, one enrolled but not
 * yet registered), once the caller may read it: permission first, so a
 * name's existence is not revealed.
 */
export async function readableInstance(
  req: express.Request<{ name: string }, any, any, any>,
  deps: { guard: PermissionGuard; instances: InstanceService },
  options: { enrolled?: boolean } = {},
) {
  const name = parse(instanceNameSchema, req.params.name, 'name');
  const credentials = await deps.guard.require(
    req,
    sindriInstanceReadPermission,
    instanceEntityRef(name),
  );
  const instance = options.enrolled
    ? await deps.instances.getEnrolled(name)
    : await deps.instances.getRegistered(name);
  return { instance, credentials };
}

/** `/instances`: the fleet the caller may read, one instance, its metrics. */
export function registerInstanceRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; instances: InstanceService },
) {
  const { guard, instances } = deps;

  router.get('/instances', async (req, res) => {
    const filter = await guard.requireInstanceFilter(
      req,
      sindriInstanceReadPermission,
    );
    res.json({
      items: await instances.list(
        filter.kind === 'some' ? filter.criteria : undefined,
      ),
    });
  });

  router.get('/instances/:name', async (req, res) => {
    res.json((await readableInstance(req, deps)).instance);
  });

  router.get('/instances/:name/metrics', async (req, res) => {
    const { instance } = await readableInstance(req, deps);
    const query = parse(metricsQuerySchema, req.query, 'query');
    res.json(await instances.metrics(instance.id, query));
  });
}
