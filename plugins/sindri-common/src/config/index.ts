export * from './validateSindriConfig';
export { cliJson } from './formatIssue';
