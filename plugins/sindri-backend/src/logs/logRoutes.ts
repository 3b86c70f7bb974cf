import {
  instanceEntityRef,
  instanceNameSchema,
  LogsQuery,
  logsQuerySchema,
  sindriInstanceAuditReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { InstanceService } from '../instances/InstanceService';
import { LogSearch, LogStore } from './LogStore';

const toSearch = (query: LogsQuery): Omit<LogSearch, 'readable'> => ({
  text: query.q,
  instanceName: query.instance,
  sources: query.source,
  levels: query.level,
  operationId: query.operation,
  from: query.from ? new Date(query.from) : undefined,
  to: query.to ? new Date(query.to) : undefined,
  before: query.before,
  limit: query.limit,
});

/** `/logs` (a search over the fleet's lines the caller may read) and `/instances/{name}/logs`. */
export function registerLogRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; instances: InstanceService; logs: LogStore },
) {
  const { guard, instances, logs } = deps;

  router.get('/logs', async (req, res) => {
    const readable = await guard.requireInstanceFilter(
      req,
      sindriInstanceAuditReadPermission,
    );
    const query = parse(logsQuerySchema, req.query, 'query');
    res.json(
      await logs.search({
        ...toSearch(query),
        readable: readable.kind === 'some' ? readable.criteria : undefined,
      }),
    );
  });

  router.get('/instances/:name/logs', async (req, res) => {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    await guard.require(
      req,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(name),
    );
    const instance = await instances.getRegistered(name);
    const query = parse(logsQuerySchema, req.query, 'query');
    res.json(
      await logs.search({
        ...toSearch(query),
        instanceName: undefined,
        instanceId: instance.id,
      }),
    );
  });
}
