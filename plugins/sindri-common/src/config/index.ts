export * from './validateSindriConfig';
export { cliJson } from './formatIssue';
export * from './composeParams';
export * from './composeSindriConfig';
export * from './withConsoleAgent';
export * from './hostReferences';
export * from './guardedFields';
