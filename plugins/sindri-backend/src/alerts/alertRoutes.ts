import express from 'express';
import { z } from 'zod';
import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  alertChannelInputSchema,
  alertRuleInputSchema,
  alertSilenceSchema,
  alertsQuerySchema,
  instanceEntityRef,
  sindriAlertManagePermission,
  sindriAlertReadPermission,
  sindriAlertRespondPermission,
  sindriBudgetManagePermission,
  sindriBudgetReadPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { userGroups } from '../auth/userGroups';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { AlertService } from './AlertService';

const alertIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const uuidSchema = z.uuid();

/** `/alerts` (read by instance, responded to by owners), `/alert-rules` and `/alert-channels` (managed by admins and operators). */
export function registerAlertRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    alerts: AlertService;
    auth: AuthService;
    userInfo: UserInfoService;
  },
) {
  const { guard, alerts } = deps;

  /** The groups whose budget alerts the caller sees: every group's for budget managers, else their own. */
  const readableGroups = async (
    credentials: BackstageCredentials,
  ): Promise<'all' | string[]> => {
    if (await guard.allows(credentials, sindriBudgetManagePermission))
      return 'all';
    if (!(await guard.allows(credentials, sindriBudgetReadPermission)))
      return [];
    return userGroups(deps, credentials);
  };

  /**
   * The alert in the path, once the caller may see it and holds `permission`
   * on its instance (a budget alert: sees its group, and responds with
   * `sindri.budget.manage`). Permission first.
   */
  const alertFor = async (
    req: express.Request<{ id: string }, any, any, any>,
    permission: typeof sindriAlertRespondPermission,
  ) => {
    const id = parse(alertIdSchema, req.params.id, 'id');
    const credentials = await guard.credentials(req);
    const alert = await alerts.find(id);
    // an alert the caller may not see is as absent as one that never was
    if (!alert) throw new NotFoundError(`no alert ${id}`);
    if (alert.group) {
      const groups = await readableGroups(credentials);
      if (groups !== 'all' && !groups.includes(alert.group))
        throw new NotFoundError(`no alert ${id}`);
      if (permission !== sindriInstanceReadPermission)
        await guard.check(credentials, sindriBudgetManagePermission);
      return { alert, by: principalRef(credentials) };
    }
    const resource = instanceEntityRef(alert.instance!);
    if (
      !(await guard.allows(credentials, sindriInstanceReadPermission, resource))
    )
      throw new NotFoundError(`no alert ${id}`);
    await guard.check(credentials, permission, resource);
    return { alert, by: principalRef(credentials) };
  };

  router.get('/alerts', async (req, res) => {
    const readable = await guard.requireInstanceFilter(
      req,
      sindriInstanceReadPermission,
    );
    const groups = await readableGroups(await guard.credentials(req));
    res.json(
      await alerts.page(
        parse(alertsQuerySchema, req.query, 'query'),
        readable,
        groups,
      ),
    );
  });

  router.get('/alerts/:id/deliveries', async (req, res) => {
    const { alert } = await alertFor(req, sindriInstanceReadPermission);
    res.json({ items: await alerts.deliveries(alert.id) });
  });

  router.post('/alerts/:id/acknowledge', async (req, res) => {
    const { alert, by } = await alertFor(req, sindriAlertRespondPermission);
    res.json(await alerts.acknowledge(alert.id, by));
  });

  router.post('/alerts/:id/silence', async (req, res) => {
    const { alert, by } = await alertFor(req, sindriAlertRespondPermission);
    const { minutes } = parse(alertSilenceSchema, req.body, 'body');
    res.json(await alerts.silence(alert.id, by, minutes));
  });

  router.delete('/alerts/:id/silence', async (req, res) => {
    const { alert } = await alertFor(req, sindriAlertRespondPermission);
    res.json(await alerts.unsilence(alert.id));
  });

  router.get('/alert-rules', async (req, res) => {
    await guard.require(req, sindriAlertReadPermission);
    res.json({ items: await alerts.listRules() });
  });

  router.post('/alert-rules', async (req, res) => {
    const credentials = await guard.require(req, sindriAlertManagePermission);
    const input = parse(alertRuleInputSchema, req.body, 'body');
    res
      .status(201)
      .json(await alerts.createRule(input, principalRef(credentials)));
  });

  router.put('/alert-rules/:id', async (req, res) => {
    const credentials = await guard.require(req, sindriAlertManagePermission);
    const id = parse(uuidSchema, req.params.id, 'id');
    const input = parse(alertRuleInputSchema, req.body, 'body');
    res.json(await alerts.updateRule(id, input, principalRef(credentials)));
  });

  router.delete('/alert-rules/:id', async (req, res) => {
    await guard.require(req, sindriAlertManagePermission);
    await alerts.deleteRule(parse(uuidSchema, req.params.id, 'id'));
    res.status(204).end();
  });

  router.get('/alert-channels', async (req, res) => {
    await guard.require(req, sindriAlertManagePermission);
    res.json({ items: await alerts.listChannels() });
  });

  router.post('/alert-channels', async (req, res) => {
    const credentials = await guard.require(req, sindriAlertManagePermission);
    const input = parse(alertChannelInputSchema, req.body, 'body');
    res
      .status(201)
      .json(await alerts.createChannel(input, principalRef(credentials)));
  });

  router.put('/alert-channels/:id', async (req, res) => {
    const credentials = await guard.require(req, sindriAlertManagePermission);
    const id = parse(uuidSchema, req.params.id, 'id');
    const input = parse(alertChannelInputSchema, req.body, 'body');
    res.json(await alerts.updateChannel(id, input, principalRef(credentials)));
  });

  router.delete('/alert-channels/:id', async (req, res) => {
    await guard.require(req, sindriAlertManagePermission);
    await alerts.deleteChannel(parse(uuidSchema, req.params.id, 'id'));
    res.status(204).end();
  });
}
