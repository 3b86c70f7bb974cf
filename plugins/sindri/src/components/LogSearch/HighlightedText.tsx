/** A line with the search's words marked (the backend's [start, end) offsets). */
export const HighlightedText = ({
  text,
  highlights = [],
}: {
  text: string;
  highlights?: number[][];
}) => {
  const parts: JSX.Element[] = [];
  let at = 0;
  highlights.forEach(([start, end], i) => {
    if (start > at)
      parts.push(<span key={`t${i}`}>{text.slice(at, start)}</span>);
    parts.push(<mark key={`m${i}`}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return <>{parts}</>;
};
