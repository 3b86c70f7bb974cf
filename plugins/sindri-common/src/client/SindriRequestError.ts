/** A failed Sindri API request, with the message the backend gave. */
export class SindriRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    name = 'SindriRequestError',
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * The backend answers errors as JSON `{error: {name, message}}`: use its message
 * when there is one, the status line otherwise. Consumes the body.
 */
export async function errorFromResponse(
  response: Response,
): Promise<SindriRequestError> {
  const status = `${response.status} ${response.statusText}`.trim();
  let text = '';
  try {
    text = await response.text();
  } catch {
    // the body is gone: the status line is all there is
  }
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string') {
      return new SindriRequestError(
        body.error.message,
        response.status,
        typeof body.error.name === 'string' ? body.error.name : undefined,
      );
    }
  } catch {
    // not JSON
  }
  return new SindriRequestError(
    `Request failed with ${status}`,
    response.status,
  );
}
