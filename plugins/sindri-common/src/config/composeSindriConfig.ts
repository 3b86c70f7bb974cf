import {
  ComposeParams,
  composeParamsSchema,
  PROVIDERS_WITH_REGION,
} from './composeParams';

/** A sindri.yaml document as Sindri v3 reads it. */
export type SindriConfigDocument = Record<string, unknown>;

/** Thrown for parameters that cannot make a sindri.yaml; `field` names the parameter at fault. */
export class ComposeError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ComposeError';
  }
}

/**
 * Builds a sindri.yaml document from template parameters. Extension and
 * profile names are checked against the registry; the result still goes
 * through the schema validator before anything is deployed.
 */
export function composeSindriConfig(
  input: ComposeParams,
  registry: { extensions: string[]; profiles: string[] },
): SindriConfigDocument {
  const parsed = composeParamsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComposeError(issue.path.join('.') || '(root)', issue.message);
  }
  const p = parsed.data;
  if (p.profile && !registry.profiles.includes(p.profile)) {
    throw new ComposeError(
      'profile',
      `"${p.profile}" is not a Sindri profile (one of ${registry.profiles.join(
        ', ',
      )})`,
    );
  }
  const unknown = (p.extensions ?? []).filter(
    e => !registry.extensions.includes(e),
  );
  if (unknown.length) {
    throw new ComposeError(
      'extensions',
      `not in the Sindri registry: ${unknown.join(', ')}`,
    );
  }
  if (
    p.region &&
    !(PROVIDERS_WITH_REGION as readonly string[]).includes(p.provider)
  ) {
    throw new ComposeError(
      'region',
      `the ${
        p.provider
      } provider takes no region (only ${PROVIDERS_WITH_REGION.join(', ')} do)`,
    );
  }

  const extensions: Record<string, unknown> = {};
  if (p.profile) {
    extensions.profile = p.profile;
    if (p.extensions?.length) extensions.additional = p.extensions;
  } else {
    extensions.active = p.extensions;
  }
  return {
    version: '3.0',
    name: p.name,
    deployment: {
      provider: p.provider,
      ...(p.image ? { image: p.image } : {}),
      ...(p.distro ? { distro: p.distro } : {}),
      ...(p.resources && Object.keys(p.resources).length
        ? { resources: p.resources }
        : {}),
    },
    extensions,
    ...(p.secrets?.length ? { secrets: p.secrets } : {}),
    ...(p.region ? { providers: { [p.provider]: { region: p.region } } } : {}),
  };
}
