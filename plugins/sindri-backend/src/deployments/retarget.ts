import { InputError } from '@backstage/errors';
import { PROVIDERS_WITH_REGION } from '@internal/plugin-sindri-common';

/** A stored sindri.yaml pointed at another provider and/or region, for a clone. */
export function retarget(
  document: Record<string, unknown>,
  provider?: string,
  region?: string,
): Record<string, unknown> {
  const deployment = {
    ...((document.deployment as Record<string, unknown>) ?? {}),
  };
  const from = String(deployment.provider ?? '');
  const to = provider ?? from;
  const providers = {
    ...((document.providers as Record<string, Record<string, unknown>>) ?? {}),
  };
  if (to !== from) {
    deployment.provider = to;
    delete providers[from];
  }
  if (region) {
    if (!(PROVIDERS_WITH_REGION as readonly string[]).includes(to)) {
      throw new InputError(
        `region: the ${to} provider takes no region (only ${PROVIDERS_WITH_REGION.join(
          ', ',
        )} do)`,
      );
    }
    providers[to] = { ...(providers[to] ?? {}), region };
  }
  const out: Record<string, unknown> = { ...document, deployment };
  if (Object.keys(providers).length) out.providers = providers;
  else delete out.providers;
  return out;
}
