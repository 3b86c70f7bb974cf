import { SindriTask } from '../service/scheduledTasks';
import { ReplicaLease } from './ReplicaLease';
import { ReplicaRecovery } from './ReplicaRecovery';

/** Renewing this replica's lease (on every replica) and settling the work of stopped ones (once across replicas). */
export function replicaTasks(
  lease: ReplicaLease,
  recovery: ReplicaRecovery,
): SindriTask[] {
  const seconds = Math.max(lease.leaseMs / 3000, 0.2);
  return [
    {
      id: 'sindri-replica-lease',
      scope: 'local',
      frequency: { seconds },
      timeout: { seconds: Math.max(seconds, 5) },
      fn: () => lease.renew(),
    },
    {
      id: 'sindri-replica-recovery',
      frequency: { seconds },
      timeout: { minutes: 2 },
      fn: async () => {
        await recovery.reap();
      },
    },
  ];
}
