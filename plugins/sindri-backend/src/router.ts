import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { HealthResponse } from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { checkDatabase } from './database/health';

export interface RouterOptions {
  knex: Knex;
  registry: SindriRegistryService;
}

export async function createRouter({ knex, registry }: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/health', async (_req, res) => {
    const database = await checkDatabase(knex);
    const body: HealthResponse = {
      status: database.reachable ? 'ok' : 'degraded',
      database,
      registry: {
        extensions: registry.listExtensions().length,
        profiles: registry.listProfiles().length,
      },
    };
    res.status(database.reachable ? 200 : 503).json(body);
  });

  return router;
}
