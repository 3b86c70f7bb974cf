import { useEffect, useState } from 'react';
import { SindriConfigIssue } from '@internal/plugin-sindri-common';

/** What the validator says of `text`, asked again a moment after each edit. */
export function useConfigIssues(
  text: string,
  validate: (
    text: string,
  ) => Promise<{ valid: boolean; issues: SindriConfigIssue[] }>,
  delayMs = 400,
) {
  const [verdict, setVerdict] = useState<{
    text: string;
    valid: boolean;
    issues: SindriConfigIssue[];
  }>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    if (!text.trim()) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      validate(text).then(
        v => current && (setVerdict({ text, ...v }), setError(undefined)),
        e => current && setError(e as Error),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, validate, delayMs]);
  // a verdict on an older text is not this text's
  const checked = verdict?.text === text ? verdict : undefined;
  return { checked, error };
}
