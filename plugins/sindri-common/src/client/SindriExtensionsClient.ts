import type { ExtensionRegistry } from '../index';
import { HttpTransport } from './HttpTransport';

/** The extension registry, and how the fleet uses it. */
export class SindriExtensionsClient {
  constructor(private readonly http: HttpTransport) {}

  /** Every registry extension, with the counts of readable instances using each. */
  list(): Promise<ExtensionRegistry> {
    return this.http.json('GET', '/extensions');
  }
}
