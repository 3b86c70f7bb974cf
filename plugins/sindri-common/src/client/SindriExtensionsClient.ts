import type {
  ExtensionDetail,
  ExtensionRegistry,
  FleetExtensionUsage,
} from '../index';
import { HttpTransport } from './HttpTransport';

/** The extension registry, and how the fleet uses it. */
export class SindriExtensionsClient {
  constructor(private readonly http: HttpTransport) {}

  /** Every registry extension, with the counts of readable instances using each. */
  list(): Promise<ExtensionRegistry> {
    return this.http.json('GET', '/extensions');
  }

  /** One row per readable instance: the extensions its agent reports installed and failed. */
  usage(): Promise<FleetExtensionUsage> {
    return this.http.json('GET', '/fleet/extensions');
  }

  /** One extension, with the readable instances that have it installed or failed to install it. */
  get(name: string): Promise<ExtensionDetail> {
    return this.http.json('GET', `/extensions/${encodeURIComponent(name)}`);
  }
}
