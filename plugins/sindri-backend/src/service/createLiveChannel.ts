import { Config } from '@backstage/config';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { SindriBackendConfig } from '../config';
import { InstanceStore } from '../database/InstanceStore';
import { AgentSocketServer } from '../ingest/AgentSocketServer';
import { IngestService } from '../ingest/IngestService';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { RateLimiter } from '../ingest/RateLimiter';
import { PermissionGuard } from '../auth/PermissionGuard';
import { UpgradeRoute } from '../http/upgradeMiddleware';
import { AgentLinks } from '../live/AgentLinks';
import { BridgeClient } from '../live/BridgeClient';
import { BRIDGE_PATH, BridgeServer } from '../live/BridgeServer';
import { LinkDirectory } from '../live/LinkDirectory';
import { ConnectionEvents } from '../events/ConnectionEvents';
import { EventService } from '../events/EventService';
import { announceHeartbeatLost } from '../events/heartbeatLost';
import { Keepalive } from '../sockets/Keepalive';
import { TerminalAuditStore } from '../terminal/TerminalAuditStore';
import { TerminalRelay } from '../terminal/TerminalRelay';
import {
  TERMINAL_PATH,
  TerminalSocketServer,
} from '../terminal/TerminalSocketServer';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { TokenSweeper } from '../tokens/TokenSweeper';
import { allowedOrigins } from './allowedOrigins';

/**
 * The agents' WebSocket and the browsers' terminal sockets: agent links,
 * keepalive, token sweeps and the terminal relay, with the upgrade routes
 * that serve them and what closes them at shutdown.
 */
export function createLiveChannel(deps: {
  config: Config;
  settings: SindriBackendConfig;
  logger: LoggerService;
  guard: PermissionGuard;
  instances: InstanceStore;
  tokenStore: AgentTokenStore;
  ingest: IngestService;
  changes: InstanceChanges;
  terminalAudit: TerminalAuditStore;
  events: EventService;
  auth: AuthService;
  /** this replica's id, and where agents connected to each replica are recorded */
  replicaId: string;
  directory: LinkDirectory;
}) {
  const { settings, logger, instances, changes, events } = deps;
  const links = new AgentLinks();
  links.addListener(new ConnectionEvents(events));
  links.addListener(deps.directory);
  const sweeper = new TokenSweeper(
    deps.tokenStore,
    logger,
    settings.agents.tokenCheckIntervalMs,
  );
  const keepalive = new Keepalive(settings.agents.keepaliveIntervalMs);
  const agents = new AgentSocketServer({
    tokenStore: deps.tokenStore,
    ingest: deps.ingest,
    liveLimiter: new RateLimiter(
      settings.rateLimit.liveFramesPerSecond,
      settings.rateLimit.liveBurst,
    ),
    logger,
    links,
    tokens: sweeper,
    keepalive,
    onUnreachable: async instanceId => {
      try {
        if (await instances.setStatus(instanceId, 'unresponsive'))
          await announceHeartbeatLost(
            { instances, events, changes },
            instanceId,
            'keepalive',
          );
      } catch (error) {
        logger.warn(`Instance ${instanceId} not marked unresponsive: ${error}`);
      }
    },
  });
  const relay = new TerminalRelay(
    links,
    { store: deps.terminalAudit, events },
    logger,
    settings.terminal,
  );
  const terminals = new TerminalSocketServer({
    guard: deps.guard,
    instances,
    relay,
    logger,
    allowedOrigins: allowedOrigins(deps.config),
    recheckIntervalMs: settings.terminal.recheckIntervalMs,
  });
  const bridges = new BridgeServer({ links, guard: deps.guard, logger });
  const bridgeClient = new BridgeClient({
    replicaId: deps.replicaId,
    links,
    directory: deps.directory,
    auth: deps.auth,
    keepalive,
    logger,
  });
  const upgrades: UpgradeRoute[] = [
    {
      path: /^\/agent\/connect$/,
      handle: (req, socket, head) => agents.handleUpgrade(req, socket, head),
    },
    {
      path: BRIDGE_PATH,
      handle: (req, socket, head, match) =>
        bridges.handleUpgrade(req, socket, head, match),
    },
    {
      path: TERMINAL_PATH,
      handle: (req, socket, head, match) =>
        terminals.handleUpgrade(req, socket, head, match),
    },
  ];
  return {
    links,
    sweeper,
    upgrades,
    async close() {
      terminals.close();
      bridges.close();
      bridgeClient.close();
      agents.close();
      sweeper.close();
      keepalive.close();
      await relay.close();
    },
  };
}
