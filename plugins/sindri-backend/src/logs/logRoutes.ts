import {
  instanceEntityRef,
  instanceNameSchema,
  LogsQuery,
  logsQuerySchema,
  LogsTailQuery,
  logsTailQuerySchema,
  sindriInstanceAuditReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { InstanceService } from '../instances/InstanceService';
import { LogSearch, LogStore } from './LogStore';
import { LogTail } from './LogTail';

const toFilters = (query: LogsTailQuery) => ({
  text: query.q,
  instanceName: query.instance,
  sources: query.source,
  levels: query.level,
  operationId: query.operation,
  from: query.from ? new Date(query.from) : undefined,
  to: query.to ? new Date(query.to) : undefined,
});

const toSearch = (query: LogsQuery): Omit<LogSearch, 'readable'> => ({
  ...toFilters(query),
  before: query.before,
  limit: query.limit,
});

/**
 * `/logs` (a search over the fleet's lines the caller may read),
 * `/instances/{name}/logs`, and the live tail of each as server-sent events.
 */
export function registerLogRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    logs: LogStore;
    logTail: LogTail;
  },
) {
  const { guard, instances, logs, logTail } = deps;

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

  router.get('/logs/tail', async (req, res) => {
    const readable = await guard.requireInstanceFilter(
      req,
      sindriInstanceAuditReadPermission,
    );
    const query = parse(logsTailQuerySchema, req.query, 'query');
    await logTail.stream(
      req,
      res,
      {
        ...toFilters(query),
        readable: readable.kind === 'some' ? readable.criteria : undefined,
      },
      await logTail.startId(req, query.after),
    );
  });

  router.get('/instances/:name/logs/tail', async (req, res) => {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    await guard.require(
      req,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(name),
    );
    const instance = await instances.getRegistered(name);
    const query = parse(logsTailQuerySchema, req.query, 'query');
    await logTail.stream(
      req,
      res,
      { ...toFilters(query), instanceName: undefined, instanceId: instance.id },
      await logTail.startId(req, query.after),
    );
  });
}
