import express from 'express';
import { z } from 'zod';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  commandHistoryQuerySchema,
  commandRequestSchema,
  CommandStreamEvent,
  instanceEntityRef,
  sindriInstanceAuditReadPermission,
  sindriInstanceCommandPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { CommandService } from './CommandService';
import { CommandTargets } from './CommandTargets';
import { presentEvent, presentRun, RunView, viewOfRun } from './runVisibility';

export interface CommandRouteOptions {
  guard: PermissionGuard;
  targets: CommandTargets;
  commands: CommandService;
}

/** Output waiting for a slow stream reader beyond this is dropped. */
const STREAM_BUFFER_LIMIT = 1024 * 1024;

/**
 * `/commands`: run a command on instances (by name or catalog filter), follow
 * it live, cancel it, and read the history. A run is seen by its author and
 * by those allowed `sindri.instance.audit.read` on its instances, and shows
 * only the instances the reader may read; starting or cancelling needs
 * `sindri.instance.command` on them.
 */
export function registerCommandRoutes(
  router: SindriRouter,
  options: CommandRouteOptions,
) {
  const { guard, targets: selection, commands } = options;

  /** The run and what of it this reader may see; 404 when none of it. */
  async function visibleRun(id: string, credentials: BackstageCredentials) {
    const run = await commands.get(parse(z.uuid(), id, 'id'));
    const view = run && (await viewOfRun(run, credentials, guard));
    if (!run || !view) throw new NotFoundError(`no command run ${id}`);
    return { run, view };
  }

  router.post('/commands/targets', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { target } = parse(
      commandRequestSchema.pick({ target: true }),
      req.body,
      '',
    );
    const targets = await selection.resolve(target, credentials);
    res.json({
      items: targets.map(t => ({ name: t.name, permitted: t.permitted })),
    });
  });

  router.post('/commands', async (req, res) => {
    const credentials = await guard.credentials(req);
    const body = parse(commandRequestSchema, req.body, '');
    const targets = await selection.resolve(body.target, credentials);
    if (!targets.some(t => t.permitted)) {
      throw new NotAllowedError(
        `not permitted: ${sindriInstanceCommandPermission.name} on any selected instance`,
      );
    }
    const run = await commands.start({
      ...body,
      createdBy: principalRef(credentials),
      targets,
    });
    res.status(201).json(run);
  });

  router.get('/commands', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parse(commandHistoryQuerySchema, req.query, 'query');
    const readable = await guard.instanceFilter(
      credentials,
      sindriInstanceReadPermission,
    );
    if (readable.kind === 'none') {
      res.json({ items: [] });
      return;
    }
    const audit = await guard.instanceFilter(
      credentials,
      sindriInstanceAuditReadPermission,
    );
    res.json({
      items: await commands.history({
        ...query,
        readable,
        audit,
        author: principalRef(credentials),
      }),
    });
  });

  router.get('/commands/:id', async (req, res) => {
    const { run, view } = await visibleRun(
      req.params.id,
      await guard.credentials(req),
    );
    res.json(presentRun(run, view));
  });

  router.post('/commands/:id/cancel', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { run } = await visibleRun(req.params.id, credentials);
    // judged on every instance of the run, including those hidden from the caller
    const all = run.results!.map(r => instanceEntityRef(r.instance));
    const mayCommand = await guard.allowedRefs(
      credentials,
      sindriInstanceCommandPermission,
      all,
    );
    if (
      run.createdBy !== principalRef(credentials) &&
      mayCommand.size < new Set(all).size
    ) {
      throw new NotAllowedError(
        `not permitted: only its creator or a user with ${sindriInstanceCommandPermission.name} on all its instances may cancel a run`,
      );
    }
    await commands.cancel(run.id);
    const after = await visibleRun(run.id, credentials);
    res.status(202).json(presentRun(after.run, after.view));
  });

  // newline-delimited JSON: a snapshot, then output and results as they happen, then done
  router.get('/commands/:id/stream', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { view } = await visibleRun(req.params.id, credentials);
    streamRun(req.params.id, view, commands, res);
  });
}

function streamRun(
  id: string,
  view: RunView,
  commands: CommandService,
  res: express.Response,
) {
  const write = (event: CommandStreamEvent) =>
    res.write(`${JSON.stringify(event)}\n`);
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
      if (event.type === 'output' && res.writableLength > STREAM_BUFFER_LIMIT)
        return;
      write(event);
      return;
    }
    write(event);
    res.end();
    stop();
  };
  void commands
    .follow(id, raw => {
      const event = presentEvent(raw, view);
      if (!event) return;
      if (early) early.push(event);
      else if (!res.writableEnded) pass(event);
    })
    .then(({ run, live, unsubscribe }) => {
      stop = unsubscribe;
      if (gone) {
        unsubscribe();
        return;
      }
      res.status(200).set({
        'Content-Type': 'application/x-ndjson',
        'Cache-Control': 'no-cache',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      write({ type: 'snapshot', run: presentRun(run!, view) });
      if (!live) {
        pass({ type: 'done', run: presentRun(run!, view) });
        return;
      }
      const waiting = early!;
      early = undefined;
      for (const event of waiting) if (!res.writableEnded) pass(event);
    })
    .catch(() => {
      // the run could not be read: end the stream instead of leaving it open
      if (!res.headersSent)
        res.status(503).json({
          error: {
            name: 'ServiceUnavailable',
            message: 'the run could not be read; try again',
          },
        });
      else res.end();
    });
}
