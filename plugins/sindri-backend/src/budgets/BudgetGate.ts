import { SpendGate } from '../deployments/types';
import { deployedResources } from '../cost/deployedResources';
import { resourcesOfYaml } from '../cost/instanceResources';
import { BudgetService } from './BudgetService';

/**
 * Budgets at the door: a create or clone adds the new instance's running
 * rate to its owner's month, a resume the difference between the instance
 * running and stopped; an enforced budget that would be exceeded warns or
 * blocks before anything is deployed.
 */
export class BudgetGate implements SpendGate {
  constructor(private readonly budgets: BudgetService) {}

  async beforeCreate(
    owner: string,
    document: Record<string, unknown>,
    action: 'create' | 'clone',
  ) {
    const { perHour, missing } = this.budgets.rateOf(
      deployedResources(document),
    );
    return this.budgets.enforce({ owner, perHour, missing, action });
  }

  async beforeResume(owner: string, sindriYaml: string, instanceName: string) {
    const resources = resourcesOfYaml(sindriYaml);
    const running = this.budgets.rateOf(resources);
    const stopped = this.budgets.stoppedRateOf(resources);
    return this.budgets.enforce({
      owner,
      perHour: Math.max(0, running.perHour - stopped),
      missing: running.missing,
      action: `resume of ${instanceName}`,
    });
  }
}
