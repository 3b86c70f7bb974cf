/**
 * The catalog entity ref of a Sindri instance, which is also its permission
 * resource ref: `resource:default/<name>`. Instance names are lower-case and
 * live in the default namespace, so this is the one spelling of it.
 */
export function instanceEntityRef(name: string): string {
  return `resource:default/${name}`;
}

/** The instance name in an instance entity ref, or undefined for any other ref. */
export function instanceNameOfRef(ref: string): string | undefined {
  const match = /^resource:default\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/.exec(
    ref.toLocaleLowerCase('en-US'),
  );
  return match?.[1];
}
