import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createServiceFactory,
  coreServices,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import WebSocket from 'ws';
import { Knex } from 'knex';
import {
  AgentLiveFrame,
  BackendLiveFrame,
  decodeDataFrame,
  encodeDataFrame,
  DataFrame,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from './fixtures';

export const admin = mockCredentials.user('user:default/ops');

/** Permissions by name: anything not listed is allowed. */
export function permissionsByName(denied: string[]): PermissionsService {
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result: denied.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }));
  return {
    authorize: async requests => decide(requests) as any,
    authorizeConditional: async requests => decide(requests) as any,
  };
}

export async function startLiveBackend(
  knex: Knex,
  options: {
    denied?: string[];
    config?: object;
    entities?: Entity[];
    /** modules of the plugin, e.g. one adding a driver */
    features?: BackendFeature[];
  } = {},
) {
  const permissions = permissionsByName(options.denied ?? []);
  const backend = await startTestBackend({
    features: [
      sindriPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          sindri: { registry: { path: registryDir }, ...options.config },
        },
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => permissions,
      }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.features ?? []),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  return {
    ...backend,
    stop: () => backend.stop(),
    port,
    base: `127.0.0.1:${port}/api/sindri`,
  };
}

export async function enroll(
  server: any,
  name: string,
  owner = 'group:default/platform',
) {
  const res = await request(server)
    .post('/api/sindri/enrollments')
    .set(
      'Authorization',
      mockCredentials.user.header(admin.principal.userEntityRef),
    )
    .send({ name, owner });
  if (res.status !== 201)
    throw new Error(
      `enroll ${name}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body as { instanceId: string; token: string };
}

/**
 * The agent's side of the live channel, scripted by the test: it registers,
 * records every live frame and data frame the backend sends, and sends what
 * the test tells it to.
 */
export class ScriptedAgent {
  readonly frames: BackendLiveFrame[] = [];
  readonly data: DataFrame[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      if (isBinary) {
        const frame = decodeDataFrame(raw as Buffer);
        if (frame)
          this.data.push({ ...frame, payload: Buffer.from(frame.payload) });
        return;
      }
      const json = JSON.parse(raw.toString());
      if (json.type !== 'ack' && json.type !== 'error') this.frames.push(json);
    });
  }

  static async connect(
    base: string,
    token: string,
    name: string,
  ): Promise<ScriptedAgent> {
    const ws = new WebSocket(`ws://${base}/agent/connect`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const agent = new ScriptedAgent(ws);
    const acked = new Promise(resolve =>
      ws.on(
        'message',
        raw => raw.toString().includes('"ack"') && resolve(undefined),
      ),
    );
    ws.send(
      JSON.stringify({ type: 'register', registration: registration(name) }),
    );
    await acked;
    return agent;
  }

  send(frame: AgentLiveFrame) {
    this.ws.send(JSON.stringify(frame));
  }

  output(
    session: string,
    text: string | Buffer,
    kind: 'output' | 'replay' = 'output',
  ) {
    this.ws.send(
      encodeDataFrame(
        kind,
        session,
        typeof text === 'string' ? Buffer.from(text) : text,
      ),
      { binary: true },
    );
  }

  async next<T extends BackendLiveFrame['type']>(
    type: T,
    from = 0,
  ): Promise<Extract<BackendLiveFrame, { type: T }>> {
    await pollUntil(
      () => this.frames.slice(from).some(f => f.type === type),
      `agent frame ${type}`,
    );
    return this.frames.slice(from).find(f => f.type === type) as any;
  }

  count(type: BackendLiveFrame['type']) {
    return this.frames.filter(f => f.type === type).length;
  }

  close() {
    this.ws.close();
  }
}

/** A browser's terminal socket, authenticated with the user cookie. */
export class TerminalClient {
  readonly messages: any[] = [];
  output = Buffer.alloc(0);
  closed?: { code: number; reason: string };

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      if (isBinary) this.output = Buffer.concat([this.output, raw as Buffer]);
      else this.messages.push(JSON.parse(raw.toString()));
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static url(base: string, instance: string, session: string, query = '') {
    return `ws://${base}/instances/${instance}/terminal/${session}${query}`;
  }

  static async open(
    base: string,
    instance: string,
    session: string,
    user = admin.principal.userEntityRef,
  ): Promise<TerminalClient> {
    const ws = new WebSocket(
      TerminalClient.url(base, instance, session, '?cols=100&rows=30'),
      {
        headers: { Cookie: mockCredentials.limitedUser.cookie(user) },
      },
    );
    const client = new TerminalClient(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return client;
  }

  /** The HTTP status a refused upgrade answers with. */
  static async refusal(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string }> {
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', c => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      ws.on('error', () => {});
    });
  }

  text() {
    return this.output.toString();
  }

  send(message: object) {
    this.ws.send(JSON.stringify(message));
  }

  type(text: string) {
    this.ws.send(Buffer.from(text), { binary: true });
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    await pollUntil(
      () => this.closed !== undefined,
      'the terminal socket to close',
    );
    return this.closed!;
  }
}
