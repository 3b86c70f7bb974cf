import { z } from 'zod';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { describeZodError } from '@internal/plugin-sindri-common';

/** Validates a request part; a failure is a 400 naming the field. */
export function parse<T>(
  schema: z.ZodType<T, any>,
  value: unknown,
  where: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InputError(describeZodError(parsed.error, where));
  return parsed.data;
}

/** Who did it, for the audit columns: a user's entity ref, or the calling service. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? principal.userEntityRef
    : `service:${principal.subject ?? 'unknown'}`;
}
