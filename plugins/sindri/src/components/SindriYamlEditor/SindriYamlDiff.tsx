import { useEffect, useRef } from 'react';
import { StreamLanguage } from '@codemirror/language';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';

const readOnlyYaml = (label: string) => [
  StreamLanguage.define(yaml),
  lineNumbers(),
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  EditorView.contentAttributes.of({ 'aria-label': label }),
];

/** Two sindri.yaml files side by side, CodeMirror's merge view marking what changed. */
export const SindriYamlDiff = ({
  left,
  right,
  leftLabel,
  rightLabel,
}: {
  left: string;
  right: string;
  leftLabel: string;
  rightLabel: string;
}) => {
  const parent = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!parent.current) return undefined;
    const view = new MergeView({
      a: { doc: left, extensions: readOnlyYaml(leftLabel) },
      b: { doc: right, extensions: readOnlyYaml(rightLabel) },
      parent: parent.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [left, right, leftLabel, rightLabel]);
  return <div ref={parent} data-testid="sindri-yaml-diff" />;
};
