import type { operations } from '../schema/openapi.generated';

/** The spec's operations, by operationId. */
export type SindriOperationId = keyof operations;

type Success<Id extends SindriOperationId> = Extract<
  keyof operations[Id]['responses'],
  200 | 201 | 202 | 204
>;

type JsonOf<Part> = Part extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : void;

/** What an operation answers on success, as the spec types it. */
export type SindriResponse<Id extends SindriOperationId> = JsonOf<
  operations[Id]['responses'][Success<Id>]
>;

/** An operation's JSON request body. */
export type SindriRequestBody<Id extends SindriOperationId> =
  operations[Id] extends { requestBody?: infer B }
    ? JsonOf<NonNullable<B>>
    : never;

/** An operation's query parameters. */
export type SindriQuery<Id extends SindriOperationId> =
  operations[Id]['parameters'] extends { query?: infer Q }
    ? NonNullable<Q>
    : never;
