import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  commandHistoryQuerySchema,
  commandRequestSchema,
  CommandRun,
  CommandStreamEvent,
  sindriInstanceCommandPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { parse, principalRef } from '../http';
import { CommandService } from './CommandService';
import { CommandStore } from './CommandStore';
import { resolveTargets } from './resolveTargets';

export interface CommandRouteOptions {
  /** turns a conditional decision on instances into criteria for the database */
  toInstanceCriteria: () => ConditionTransformer<InstanceQuery>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  instances: InstanceStore;
  commands: CommandService;
  store: CommandStore;
}

/** Output waiting for a slow stream reader beyond this is dropped. */
const STREAM_BUFFER_LIMIT = 1024 * 1024;

const ref = (name: string) => stringifyEntityRef({ kind: 'resource', name });

/**
 * `/commands`: run a command on instances (by name or catalog filter), follow
 * it live, cancel it, and read the history. A run shows only the instances the
 * caller may read; starting or cancelling needs `sindri.instance.command` on them.
 */
export function createCommandRoutes(options: CommandRouteOptions): express.Router {
  const { httpAuth, permissions, catalog, instances, commands, store, toInstanceCriteria } = options;
  const router = Router();
  const credentialsOf = (req: express.Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** The names among these that the caller may do `permission` on. */
  async function allowed(names: string[], permission: typeof sindriInstanceReadPermission, credentials: BackstageCredentials) {
    const unique = [...new Set(names)];
    if (!unique.length) return new Set<string>();
    const decisions = await permissions.authorize(unique.map(n => ({ permission, resourceRef: ref(n) })), { credentials });
    return new Set(unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW));
  }

  /** The run as the caller may see it: only the results of readable instances; 404 when none is. */
  async function visibleRun(id: string, credentials: BackstageCredentials): Promise<CommandRun> {
    const run = await commands.get(parse(z.uuid(), id, 'id'));
    if (!run) throw new NotFoundError(`no command run ${id}`);
    const readable = await allowed(run.results!.map(r => r.instance), sindriInstanceReadPermission, credentials);
    if (!readable.size) throw new NotFoundError(`no command run ${id}`);
    return { ...run, results: run.results!.filter(r => readable.has(r.instance)) };
  }

  router.post('/commands/targets', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { target } = parse(commandRequestSchema.pick({ target: true }), req.body, '');
    const targets = await resolveTargets(target, { instances, catalog, permissions, credentials });
    res.json({ items: targets.map(t => ({ name: t.name, permitted: t.permitted })) });
  });

  router.post('/commands', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parse(commandRequestSchema, req.body, '');
    const targets = await resolveTargets(body.target, { instances, catalog, permissions, credentials });
    if (!targets.some(t => t.permitted)) {
      throw new NotAllowedError(`not permitted: ${sindriInstanceCommandPermission.name} on any selected instance`);
    }
    const run = await commands.start({ ...body, createdBy: principalRef(credentials), targets });
    res.status(201).json(run);
  });

  router.get('/commands', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(commandHistoryQuerySchema, req.query, 'query');
    const [decision] = await permissions.authorizeConditional([{ permission: sindriInstanceReadPermission }], { credentials });
    if (decision.result === AuthorizeResult.DENY) {
      res.json({ items: [] });
      return;
    }
    const readable = decision.result === AuthorizeResult.CONDITIONAL ? toInstanceCriteria()(decision.conditions) : undefined;
    res.json({ items: await store.listRuns({ ...query, readable }) });
  });

  router.get('/commands/:id', async (req, res) => {
    res.json(await visibleRun(req.params.id, await credentialsOf(req)));
  });

  router.post('/commands/:id/cancel', async (req, res) => {
    const credentials = await credentialsOf(req);
    const run = await visibleRun(req.params.id, credentials);
    // judged on every instance of the run, including those hidden from the caller
    const all = (await commands.get(run.id))!.results!.map(r => r.instance);
    const mayCommand = await allowed(all, sindriInstanceCommandPermission, credentials);
    if (run.createdBy !== principalRef(credentials) && mayCommand.size < new Set(all).size) {
      throw new NotAllowedError(`not permitted: only its creator or a user with ${sindriInstanceCommandPermission.name} on all its instances may cancel a run`);
    }
    await commands.cancel(run.id);
    res.status(202).json(await visibleRun(run.id, credentials));
  });

  // newline-delimited JSON: a snapshot, then output and results as they happen, then done
  router.get('/commands/:id/stream', async (req, res) => {
    const credentials = await credentialsOf(req);
    const visible = new Set((await visibleRun(req.params.id, credentials)).results!.map(r => r.instance));
    const only = (run: CommandRun): CommandRun => ({ ...run, results: run.results?.filter(r => visible.has(r.instance)) });
    const write = (event: CommandStreamEvent) => res.write(`${JSON.stringify(event)}\n`);
    // events that arrive before the snapshot is written wait for it
    let early: CommandStreamEvent[] | undefined = [];
    let stop = () => {};
    let gone = false;
    res.on('close', () => {
      gone = true;
      stop();
    });
    const pass = (event: CommandStreamEvent) => {
      if (event.type !== 'done') {
        // a reader that does not keep up loses live output, not the portal's memory (the run keeps the tail)
        if (event.type === 'output' && res.writableLength > STREAM_BUFFER_LIMIT) return;
        write(event);
        return;
      }
      write({ type: 'done', run: only(event.run) });
      res.end();
      stop();
    };
    const { run, live, unsubscribe } = await commands.follow(req.params.id, event => {
      if (event.type === 'output' && !visible.has(event.instance)) return;
      if (event.type === 'result' && !visible.has(event.result.instance)) return;
      if (early) early.push(event);
      else if (!res.writableEnded) pass(event);
    });
    stop = unsubscribe;
    if (gone) {
      unsubscribe();
      return;
    }
    res.status(200).set({ 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    write({ type: 'snapshot', run: only(run!) });
    if (!live) {
      pass({ type: 'done', run: run! });
      return;
    }
    const waiting = early;
    early = undefined;
    for (const event of waiting) if (!res.writableEnded) pass(event);
  });

  return router;
}
