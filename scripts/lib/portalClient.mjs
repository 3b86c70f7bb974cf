// Talks to a running portal on behalf of the operator scripts.

/**
 * A Backstage token for the calls: $BACKSTAGE_TOKEN when set, otherwise a guest
 * sign-in, which only the embedded default (development) offers.
 */
export async function backstageToken(baseUrl) {
  if (process.env.BACKSTAGE_TOKEN) return process.env.BACKSTAGE_TOKEN;
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(
      `guest sign-in refused (${res.status}); set BACKSTAGE_TOKEN to a user token with sindri.enrollment.manage`,
    );
  }
  return (await res.json()).backstageIdentity.token;
}

async function call(baseUrl, token, method, path, body) {
  const res = await fetch(`${baseUrl}/api/sindri${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = new Error(
      `${method} ${path}: ${res.status} ${json?.error?.message ?? text}`,
    );
    error.status = res.status;
    throw error;
  }
  return json;
}

/** Enrolls `name` for `owner`; an already enrolled name gets a fresh token instead. */
export async function enrollOrRotate(baseUrl, token, name, owner) {
  try {
    return await call(baseUrl, token, 'POST', '/enrollments', { name, owner });
  } catch (error) {
    if (error.status !== 409) throw error;
    const { items } = await call(baseUrl, token, 'GET', '/enrollments');
    const existing = items.find(e => e.name === name);
    const { token: agentToken } = await call(
      baseUrl,
      token,
      'POST',
      `/enrollments/${existing.instanceId}/rotate`,
    );
    return { ...existing, token: agentToken, rotated: true };
  }
}

export async function enroll(baseUrl, token, name, owner) {
  return call(baseUrl, token, 'POST', '/enrollments', { name, owner });
}
