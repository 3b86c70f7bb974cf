import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** A scheduler whose tasks run only when the test triggers them (its mock class is not exported typed). */
export function manualScheduler() {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): any;
    triggerTask(id: string): Promise<void>;
  };
  return {
    factory: scheduler.factory({ skipTaskRunOnStartup: true }),
    run: (id: string) => scheduler.triggerTask(id),
  };
}
