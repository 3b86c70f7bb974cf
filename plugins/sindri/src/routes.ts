import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'sindri' });

/** The fleet-wide "Run command" page, mounted at /sindri/commands. */
export const commandsRouteRef = createRouteRef({ id: 'sindri-commands' });
