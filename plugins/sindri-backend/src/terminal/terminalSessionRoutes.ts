import { z } from 'zod';
import {
  instanceEntityRef,
  sindriInstanceAuditReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard, userRefOf } from '../auth/PermissionGuard';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { readableInstance } from '../instances/instanceRoutes';
import { InstanceService } from '../instances/InstanceService';
import { TerminalSessionService } from './TerminalSessionService';

const sessionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `/instances/{name}/terminal-sessions`: the terminal audit of an instance. */
export function registerTerminalSessionRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    sessions: TerminalSessionService;
  },
) {
  const { guard, sessions } = deps;

  router.get('/instances/:name/terminal-sessions', async (req, res) => {
    const { instance, credentials } = await readableInstance(req, deps);
    const { limit } = parse(sessionsQuerySchema, req.query, 'query');
    // session ids re-attach to live shells: a reader sees their own, the audit reader everyone's
    const everyone = await guard.allows(
      credentials,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(instance.name),
    );
    const openedBy = everyone ? undefined : userRefOf(credentials) ?? '';
    res.json({ items: await sessions.list(instance, { limit, openedBy }) });
  });

  // keystrokes are what was typed, passwords included: audit readers only, and marked sensitive
  router.get(
    '/instances/:name/terminal-sessions/:id/input',
    async (req, res) => {
      const { instance, credentials } = await readableInstance(req, deps);
      await guard.check(
        credentials,
        sindriInstanceAuditReadPermission,
        instanceEntityRef(instance.name),
      );
      const id = parse(z.uuid(), req.params.id, 'id');
      res
        .set('Cache-Control', 'no-store')
        .json(await sessions.input(instance, id));
    },
  );
}
