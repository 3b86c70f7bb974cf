import { Config } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  WinstonLoggerLevelOverride,
  WinstonLoggerLevelOverrideMatchers,
} from '@backstage/backend-defaults/rootLogger';
import { config as winstonConfig } from 'winston';

/** `backend.logger`, read as Backstage's own root logger reads it. */
export interface LoggerSettings {
  level?: string;
  meta?: JsonObject;
  overrides: WinstonLoggerLevelOverride[];
}

export function readLoggerSettings(config: Config): LoggerSettings {
  const overrides = (
    config.getOptionalConfigArray('backend.logger.overrides') ?? []
  ).map((override, index) => {
    const level = override.getString('level');
    if (!Object.hasOwn(winstonConfig.npm.levels, level)) {
      throw new Error(
        `Invalid config at backend.logger.overrides[${index}].level, '${level}' is not one of ${Object.keys(
          winstonConfig.npm.levels,
        ).join(', ')}`,
      );
    }
    return {
      level,
      matchers: override
        .getConfig('matchers')
        .get<WinstonLoggerLevelOverrideMatchers>(),
    };
  });
  return {
    level: config.getOptionalString('backend.logger.level'),
    meta: config.getOptionalConfig('backend.logger.meta')?.get<JsonObject>(),
    overrides,
  };
}
