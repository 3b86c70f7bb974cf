import { InputError } from '@backstage/errors';
import { DriverOption } from '@internal/plugin-sindri-common';
import { SindriDriver } from '@internal/plugin-sindri-node';

/**
 * The deployment drivers of this portal: the built-in ones its config enables
 * and those other modules add. Each driver describes itself (title and
 * providers), so one added by a module shows in a create form like the rest.
 */
export class DriverRegistry {
  private readonly drivers = new Map<string, SindriDriver>();

  constructor(drivers: SindriDriver[], private readonly defaultId?: string) {
    for (const driver of drivers) this.drivers.set(driver.id, driver);
  }

  has(id: string): boolean {
    return this.drivers.has(id);
  }

  get(id: string): SindriDriver | undefined {
    return this.drivers.get(id);
  }

  ids(): string[] {
    return [...this.drivers.keys()];
  }

  /** The configured default, else the first. */
  defaultDriverId(): string | undefined {
    return this.defaultId ?? this.ids()[0];
  }

  /** The driver a request names, or the default; a 400 naming `driver` when there is none such. */
  resolve(id?: string): SindriDriver {
    const chosen = id ?? this.defaultDriverId();
    const driver = chosen ? this.drivers.get(chosen) : undefined;
    if (driver) return driver;
    const known = this.ids();
    throw new InputError(
      known.length
        ? `driver: "${chosen}" is not a driver of this portal (one of ${known.join(
            ', ',
          )})`
        : 'driver: this portal has no deployment driver configured (sindri.drivers)',
    );
  }

  /** How each driver presents itself in a create form. */
  describe(driver: SindriDriver): DriverOption {
    return {
      id: driver.id,
      title: driver.title ?? driver.id,
      providers: [...(driver.providers ?? [])],
    };
  }

  all(): SindriDriver[] {
    return [...this.drivers.values()];
  }
}
