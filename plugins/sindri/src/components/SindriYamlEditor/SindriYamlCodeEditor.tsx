import { useMemo } from 'react';
import CodeMirror from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { useTheme } from '@material-ui/core/styles';
import {
  describeIssue,
  SindriConfigIssue,
} from '@internal/plugin-sindri-common';
import { issueRange } from './issueRanges';

const yamlLanguage = StreamLanguage.define(yaml);
const NO_ISSUES: SindriConfigIssue[] = [];
const EDITABLE_SETUP = { foldGutter: true, highlightActiveLine: true };
const READ_ONLY_SETUP = { foldGutter: true, highlightActiveLine: false };

export interface SindriYamlCodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  /** the validator's issues for `value`, shown inline where their JSON pointer points */
  issues?: SindriConfigIssue[];
  readOnly?: boolean;
  /** the editor's accessible name */
  label?: string;
  height?: string;
}

/**
 * sindri.yaml in CodeMirror, as Backstage's scaffolder edits YAML: syntax
 * highlighting, and each of the validator's issues underlined at its JSON
 * pointer with the message in the gutter.
 */
export const SindriYamlCodeEditor = ({
  value,
  onChange,
  issues = NO_ISSUES,
  readOnly,
  label = 'sindri.yaml',
  height = '420px',
}: SindriYamlCodeEditorProps) => {
  const theme = useTheme();
  const extensions = useMemo(
    () => [
      yamlLanguage,
      lintGutter(),
      linter(
        view => {
          const text = view.state.doc.toString();
          return issues.map((issue): Diagnostic => {
            const { from, to } = issueRange(text, issue);
            return {
              from: Math.min(from, text.length),
              to: Math.min(to, text.length),
              severity: 'error',
              message: describeIssue(issue),
            };
          });
        },
        { delay: 0 },
      ),
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ],
    [issues, label],
  );
  return (
    <CodeMirror
      value={value}
      height={height}
      theme={theme.palette.type === 'dark' ? 'dark' : 'light'}
      readOnly={readOnly}
      editable={!readOnly}
      extensions={extensions}
      onChange={onChange}
      basicSetup={readOnly ? READ_ONLY_SETUP : EDITABLE_SETUP}
    />
  );
};
