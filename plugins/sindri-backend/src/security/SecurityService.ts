import {
  FleetInstance,
  FleetSecurity,
  InstanceSecurity,
} from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { ListFilter } from '../auth/PermissionGuard';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { accessFindings } from './accessFindings';
import { AdvisoryStore } from './AdvisoryStore';
import { cycloneDxBom } from './cycloneDx';
import { extensionFreshness } from './extensionFreshness';
import { InventoryStore } from './InventoryStore';
import { affectedVersionsOf, fixedVersionsOf, osvQueryOf } from './osvRecords';

export interface SecuritySettings {
  osvUrl: string;
  tokenRotationDays: number;
  portalVersion: string;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'unknown'];

/** What instances have installed, the advisories matching it, and what they expose. */
export class SecurityService {
  constructor(
    private readonly deps: {
      inventories: InventoryStore;
      advisories: AdvisoryStore;
      instances: InstanceStore;
      deployments: DeploymentStore;
      tokens: AgentTokenStore;
      registry: SindriRegistryService;
      settings: SecuritySettings;
    },
  ) {}

  private async sync(instanceIds: readonly string[]) {
    const [state, coverage] = await Promise.all([
      this.deps.advisories.syncState(this.deps.settings.osvUrl),
      this.deps.advisories.coverage(instanceIds),
    ]);
    return { ...state, ...coverage };
  }

  async instanceSecurity(
    instance: FleetInstance,
    now = new Date(),
  ): Promise<InstanceSecurity> {
    const [inventory, components, matches, sync, tokens, deployment] =
      await Promise.all([
        this.deps.inventories.get(instance.id),
        this.deps.inventories.components(instance.id),
        this.deps.advisories.forInstance(instance.id),
        this.sync([instance.id]),
        this.deps.tokens.tokenAges([instance.id]),
        this.deps.deployments.get(instance.id),
      ]);
    const advisories = matches
      .map(m => {
        const query = osvQueryOf(m.component.purl);
        const { record, ...advisory } = m.advisory;
        return {
          ...advisory,
          package: m.component,
          affected: query ? affectedVersionsOf(record, query) : [],
          fixed: query ? fixedVersionsOf(record, query) : [],
          firstSeenAt: m.firstSeenAt,
        };
      })
      .sort(
        (a, b) =>
          SEVERITY_ORDER.indexOf(a.severity) -
            SEVERITY_ORDER.indexOf(b.severity) ||
          (b.score ?? 0) - (a.score ?? 0) ||
          a.id.localeCompare(b.id),
      );
    return {
      ...(inventory
        ? {
            inventory: {
              hash: inventory.hash,
              collectedAt: inventory.collectedAt,
              receivedAt: inventory.receivedAt,
              ...(inventory.os ? { os: inventory.os } : {}),
              ...(inventory.cli ? { cli: inventory.cli } : {}),
              sources: inventory.sources,
              componentCount: inventory.componentCount,
            },
          }
        : {}),
      components,
      advisories,
      sync,
      access: accessFindings({
        tokenCreatedAt: tokens.get(instance.id),
        rotationDays: this.deps.settings.tokenRotationDays,
        inventory,
        sindriYaml: deployment?.sindriYaml,
        now,
      }),
      freshness: extensionFreshness(
        instance.registration?.extensions ?? [],
        this.deps.registry,
        inventory?.cli?.version,
      ),
    };
  }

  /** The instance's components as CycloneDX JSON; undefined before its agent reported them. */
  async instanceSbom(instance: FleetInstance): Promise<string | undefined> {
    const inventory = await this.deps.inventories.get(instance.id);
    if (!inventory) return undefined;
    const components = await this.deps.inventories.components(instance.id);
    return cycloneDxBom({
      subject: instance.name,
      collectedAt: inventory.collectedAt,
      components: components.map(component => ({
        component,
        instances: [instance.name],
      })),
      portalVersion: this.deps.settings.portalVersion,
    });
  }

  private async readable(readable: ListFilter) {
    return readable.kind === 'none'
      ? []
      : this.deps.instances.listRegistered(
          readable.kind === 'some' ? readable.criteria : undefined,
        );
  }

  async fleetSbom(readable: ListFilter): Promise<string> {
    const instances = await this.readable(readable);
    const byPurl = new Map<
      string,
      {
        component: Awaited<ReturnType<InventoryStore['components']>>[number];
        instances: string[];
      }
    >();
    for (const instance of instances)
      for (const component of await this.deps.inventories.components(
        instance.id,
      )) {
        const entry = byPurl.get(component.purl) ?? {
          component,
          instances: [],
        };
        entry.instances.push(instance.name);
        byPurl.set(component.purl, entry);
      }
    return cycloneDxBom({
      subject: 'fleet',
      components: [...byPurl.values()],
      portalVersion: this.deps.settings.portalVersion,
    });
  }

  async fleetSecurity(
    readable: ListFilter,
    now = new Date(),
  ): Promise<FleetSecurity> {
    const instances = await this.readable(readable);
    const ids = instances.map(i => i.id);
    const nameOf = new Map(instances.map(i => [i.id, i.name]));
    const [sync, inventories, matches, tokens] = await Promise.all([
      this.sync(ids),
      this.deps.inventories.inventoriesOf(ids),
      this.deps.advisories.forInstances(ids),
      this.deps.tokens.tokenAges(ids),
    ]);
    const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
    const byAdvisory = new Map<
      string,
      FleetSecurity['topAdvisories'][number] & { set: Set<string> }
    >();
    const critical = new Map<string, Set<string>>();
    const counted = new Set<string>();
    for (const m of matches) {
      const name = nameOf.get(m.instanceId)!;
      const key = `${name} ${m.advisory.id}`;
      if (counted.has(key)) continue;
      counted.add(key);
      bySeverity[m.advisory.severity]++;
      const entry = byAdvisory.get(m.advisory.id) ?? {
        id: m.advisory.id,
        summary: m.advisory.summary,
        severity: m.advisory.severity,
        ...(m.advisory.score !== undefined ? { score: m.advisory.score } : {}),
        instances: [],
        set: new Set<string>(),
      };
      entry.set.add(name);
      byAdvisory.set(m.advisory.id, entry);
      if (m.advisory.severity === 'critical')
        critical.set(
          name,
          (critical.get(name) ?? new Set()).add(m.advisory.id),
        );
    }
    const staleTokens: FleetSecurity['staleTokens'] = [];
    const weakKeys: FleetSecurity['weakKeys'] = [];
    const exposedPorts: FleetSecurity['exposedPorts'] = [];
    for (const instance of instances) {
      const access = accessFindings({
        tokenCreatedAt: tokens.get(instance.id),
        rotationDays: this.deps.settings.tokenRotationDays,
        inventory: inventories.get(instance.id),
        now,
      });
      if (access.token.stale)
        staleTokens.push({
          name: instance.name,
          ageDays: access.token.ageDays!,
        });
      for (const k of access.sshKeys)
        if (k.weak)
          weakKeys.push({
            name: instance.name,
            fingerprint: k.fingerprint,
            type: k.type,
            ...(k.bits ? { bits: k.bits } : {}),
            weak: k.weak,
          });
      for (const p of access.listening)
        if (p.exposed)
          exposedPorts.push({
            name: instance.name,
            address: p.address,
            port: p.port,
            ...(p.process ? { process: p.process } : {}),
          });
    }
    return {
      sync,
      instances: instances.length,
      withInventory: inventories.size,
      bySeverity,
      topAdvisories: [...byAdvisory.values()]
        .map(({ set, ...a }) => ({ ...a, instances: [...set].sort() }))
        .sort(
          (a, b) =>
            b.instances.length - a.instances.length ||
            SEVERITY_ORDER.indexOf(a.severity) -
              SEVERITY_ORDER.indexOf(b.severity),
        )
        .slice(0, 20),
      criticalInstances: [...critical.entries()]
        .map(([name, set]) => ({ name, critical: set.size }))
        .sort((a, b) => b.critical - a.critical),
      staleTokens,
      weakKeys,
      exposedPorts,
      withoutInventory: instances
        .filter(i => !inventories.has(i.id))
        .map(i => i.name),
    };
  }
}
