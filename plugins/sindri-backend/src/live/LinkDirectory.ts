import { Knex } from 'knex';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentLink, LiveListener } from './AgentLinks';

/** Where an agent is connected: the replica and how other replicas reach it. */
export interface LinkLocation {
  replicaId: string;
  /** the replica's Sindri base URL for other replicas, e.g. http://10.0.3.7:7007/api/sindri */
  internalUrl?: string;
  name: string;
}

/**
 * `sindri_agent_links`: which replica each connected agent is on, written by
 * that replica when the agent registers and removed when it goes, so any
 * replica can reach any agent through the one holding it.
 */
export class LinkDirectory implements LiveListener {
  constructor(
    private readonly knex: Knex,
    private readonly replicaId: string,
    private readonly logger: LoggerService,
  ) {}

  async find(
    instanceId: string,
    now = new Date(),
  ): Promise<LinkLocation | undefined> {
    const row:
      | { replica_id: string; internal_url: string | null; name: string }
      | undefined = await this.knex('sindri_agent_links as l')
      .join('sindri_replicas as r', 'r.id', 'l.replica_id')
      .join('instances as i', 'i.id', 'l.instance_id')
      .where('l.instance_id', instanceId)
      .where('r.lease_expires_at', '>=', now)
      .first('l.replica_id', 'r.internal_url', 'i.name');
    return (
      row && {
        replicaId: row.replica_id,
        internalUrl: row.internal_url ?? undefined,
        name: row.name,
      }
    );
  }

  onRegistered(link: AgentLink): void {
    if (link.via) return;
    const row = {
      instance_id: link.instanceId,
      replica_id: this.replicaId,
      connected_at: new Date(),
    };
    this.write(link, () =>
      this.knex('sindri_agent_links')
        .insert(row)
        .onConflict('instance_id')
        .merge(['replica_id', 'connected_at']),
    );
  }

  onDisconnect(link: AgentLink): void {
    if (link.via) return;
    this.write(link, () =>
      this.knex('sindri_agent_links')
        .where({ instance_id: link.instanceId, replica_id: this.replicaId })
        .delete(),
    );
  }

  onFrame(): void {}

  onData(): void {}

  private write(link: AgentLink, query: () => Promise<unknown>) {
    query().catch(error =>
      this.logger.warn(
        `Could not record where the agent of ${link.name} is connected: ${error}`,
      ),
    );
  }
}
