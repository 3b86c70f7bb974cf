import { isNode, parseDocument } from 'yaml';
import { SindriConfigIssue } from '@internal/plugin-sindri-common';

/** Where in the text an issue belongs: character offsets. */
export interface IssueRange {
  from: number;
  to: number;
}

const unescape = (segment: string) =>
  segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The text an issue's JSON pointer names in a sindri.yaml: the value at the
 * pointer, or the nearest parent that exists (a missing property belongs to
 * its object). A YAML syntax error is placed where the parser stopped.
 */
export function issueRange(text: string, issue: SindriConfigIssue): IssueRange {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length && !issue.pointer) {
    const [start, end] = doc.errors[0].pos;
    return { from: start, to: Math.max(end, start + 1) };
  }
  const path = issue.pointer
    .split('/')
    .slice(1)
    .map(unescape)
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range)
      return {
        from: node.range[0],
        to: Math.max(node.range[1], node.range[0] + 1),
      };
  }
  return { from: 0, to: Math.min(text.length, 1) };
}
