import express from 'express';
import { InputError } from '@backstage/errors';
import { INGEST_LIMITS } from '@internal/plugin-sindri-common';

/**
 * Body-parser failures are the client's: 413 for a body over the limit (the
 * rest is not read, so the connection closes after the answer), 400 for one
 * that is not JSON. Runs before the spec's validator, which would call both 400.
 */
export function bodyParserErrors(): express.ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (error?.type === 'entity.too.large') {
      res.set('Connection', 'close');
      res.status(413).json({
        error: {
          name: 'PayloadTooLarge',
          message: `body: larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit`,
        },
      });
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json({
        error: {
          name: 'InputError',
          message: '(root): the body is not valid JSON',
        },
      });
    } else {
      next(error);
    }
  };
}

const VALIDATOR_FIELD =
  /request\/(body|query|params|headers)((?:\/[^\s/]+)*)\s/g;

/** `request/query/range must be …` → `query.range: must be …`, as the routes' own messages name fields. */
export function fieldOfValidatorMessage(message: string): string {
  const unknown = /^Unknown query parameter '([^']+)'$/.exec(message);
  if (unknown) return `query.${unknown[1]}: not a parameter of this route`;
  return message.replace(
    VALIDATOR_FIELD,
    (_all, part: string, rest: string) => {
      const path = rest.split('/').filter(Boolean).join('.');
      if (part === 'body') return `${path || '(root)'}: `;
      if (part === 'params') return `${path}: `;
      return `${path ? `${part}.${path}` : part}: `;
    },
  );
}

/** The spec's validator answers 400 in the shape of the routes' own messages. */
export function validatorErrors(): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (
      error instanceof InputError &&
      /request\/|^Unknown query parameter/.test(error.message)
    )
      next(new InputError(fieldOfValidatorMessage(error.message)));
    else next(error);
  };
}
