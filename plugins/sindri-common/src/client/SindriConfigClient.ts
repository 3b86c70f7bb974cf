import type {
  ConfigApplied,
  ConfigVersion,
  InstanceDrift,
  SindriConfigVerdict,
} from '../index';
import { HttpTransport } from './HttpTransport';

const enc = encodeURIComponent;

/** An instance's stored sindri.yaml versions, editing and applying them, and its drift. */
export class SindriConfigClient {
  constructor(private readonly http: HttpTransport) {}

  /** Every stored version, newest first, without their text. */
  async versions(name: string): Promise<ConfigVersion[]> {
    return (
      await this.http.json<{ items: ConfigVersion[] }>(
        'GET',
        `/instances/${enc(name)}/config/versions`,
      )
    ).items;
  }

  /** One version with its text (unless it is hidden from this reader). */
  version(name: string, version: number): Promise<ConfigVersion> {
    return this.http.json(
      'GET',
      `/instances/${enc(name)}/config/versions/${version}`,
    );
  }

  /** Checks an edit as applying it would: the CLI's validator plus what an update may not change. */
  validate(
    name: string,
    sindriYaml: string,
  ): Promise<Pick<SindriConfigVerdict, 'valid' | 'issues'>> {
    return this.http.json('POST', `/instances/${enc(name)}/config/validate`, {
      sindriYaml,
    });
  }

  /** Stores the edit as a new version and starts the `update` operation that applies it. */
  apply(
    name: string,
    sindriYaml: string,
    baseVersion: number,
  ): Promise<ConfigApplied> {
    return this.http.json('POST', `/instances/${enc(name)}/config`, {
      sindriYaml,
      baseVersion,
    });
  }

  drift(name: string): Promise<InstanceDrift> {
    return this.http.json('GET', `/instances/${enc(name)}/drift`);
  }
}
