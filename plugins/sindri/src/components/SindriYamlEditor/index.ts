export { SindriYamlCodeEditor } from './SindriYamlCodeEditor';
export type { SindriYamlCodeEditorProps } from './SindriYamlCodeEditor';
export { issueRange } from './issueRanges';
export { SindriYamlDiff } from './SindriYamlDiff';
export { useConfigIssues } from './useConfigIssues';
