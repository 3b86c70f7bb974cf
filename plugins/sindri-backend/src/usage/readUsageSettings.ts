import { Config } from '@backstage/config';
import { z } from 'zod';
import { SindriConfigError } from '@internal/plugin-sindri-node';
import { UsageSettings } from './UsageService';

const schema = z.object({
  idle: z
    .object({
      days: z.number().int().min(1).max(90).default(3),
      cpuPercent: z.number().min(0).max(100).default(5),
      networkKiBPerSecond: z.number().min(0).default(16),
    })
    .default({ days: 3, cpuPercent: 5, networkKiBPerSecond: 16 }),
  rightSizing: z
    .object({
      minDays: z.number().min(1).max(30).default(7),
      headroomPercent: z.number().min(0).max(400).default(30),
    })
    .default({ minDays: 7, headroomPercent: 30 }),
});

/** `sindri.cost.idle` and `sindri.cost.rightSizing`, with their documented defaults. */
export function readUsageSettings(config: Config): UsageSettings {
  const parsed = schema.safeParse({
    idle: config.getOptional('sindri.cost.idle'),
    rightSizing: config.getOptional('sindri.cost.rightSizing'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SindriConfigError(
      `sindri.cost.${issue.path.join('.')}`,
      issue.message,
    );
  }
  const { idle, rightSizing } = parsed.data;
  return {
    idle: {
      days: idle.days,
      cpuPercent: idle.cpuPercent,
      networkBytesPerSecond: idle.networkKiBPerSecond * 1024,
    },
    rightSizing,
  };
}
