/**
 * A setting that stops the Sindri plugins from starting. Its message is one
 * line that names the setting, so start-up can print it without a stack trace.
 *
 * @public
 */
export class SindriConfigError extends Error {
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.name = 'SindriConfigError';
    this.setting = setting;
  }
}
