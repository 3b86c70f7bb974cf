import { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  budgetEstimateRequestSchema,
  budgetInputSchema,
  groupRefSchema,
  instanceEntityRef,
  sindriBudgetManagePermission,
  sindriBudgetReadPermission,
  sindriInstanceCreatePermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { userGroups } from '../auth/userGroups';
import { deployedResources } from '../cost/deployedResources';
import { DeploymentService } from '../deployments/DeploymentService';
import { InstanceService } from '../instances/InstanceService';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { BudgetService } from './BudgetService';

/** `/budgets`: owner groups' monthly budgets (read by members, set by admins) and a new instance's estimate against them. */
export function registerBudgetRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    auth: AuthService;
    userInfo: UserInfoService;
    budgets: BudgetService;
    deployments: DeploymentService;
    instances: InstanceService;
  },
) {
  const { guard, budgets } = deps;

  router.get('/budgets', async (req, res) => {
    const credentials = await guard.require(req, sindriBudgetReadPermission);
    const myGroups = await userGroups(deps, credentials);
    const everyGroup = await guard.allows(
      credentials,
      sindriBudgetManagePermission,
    );
    res.json({
      currency: 'USD',
      items: await budgets.list(everyGroup ? undefined : myGroups),
      myGroups,
    });
  });

  router.post('/budgets/estimate', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriInstanceCreatePermission,
    );
    const body = parse(budgetEstimateRequestSchema, req.body, '');
    if (body.cloneFrom)
      await guard.check(
        credentials,
        sindriInstanceReadPermission,
        instanceEntityRef(body.cloneFrom),
      );
    const document = await deps.deployments.draft(body);
    // a clone without an owner keeps its source's
    const owner =
      body.owner ?? (await deps.instances.getEnrolled(body.cloneFrom!)).owner;
    // another group's budget is not this caller's to read
    if (
      !(await guard.allows(credentials, sindriBudgetManagePermission)) &&
      !(await userGroups(deps, credentials)).includes(
        owner.toLocaleLowerCase('en-US'),
      ) &&
      owner.toLocaleLowerCase('en-US') !==
        principalRef(credentials).toLocaleLowerCase('en-US')
    )
      throw new NotAllowedError(
        `owner: you may estimate for yourself or your groups, not ${owner}`,
      );
    const { perHour, missing } = budgets.rateOf(deployedResources(document));
    res.json(
      await budgets.estimate({
        owner,
        perHour,
        missing,
        action: body.cloneFrom ? 'clone' : 'create',
      }),
    );
  });

  router.put('/budgets/:group', async (req, res) => {
    const credentials = await guard.require(req, sindriBudgetManagePermission);
    const group = parse(groupRefSchema, req.params.group, 'group');
    const input = parse(budgetInputSchema, req.body, 'body');
    res.json(await budgets.put(group, input, principalRef(credentials)));
  });

  router.delete('/budgets/:group', async (req, res) => {
    await guard.require(req, sindriBudgetManagePermission);
    await budgets.remove(parse(groupRefSchema, req.params.group, 'group'));
    res.status(204).end();
  });
}
