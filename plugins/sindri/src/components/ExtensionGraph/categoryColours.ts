/**
 * Thirteen colours that stay apart from each other and from the page on light
 * and dark themes (Tableau 10, then three of Paul Tol's muted scheme).
 */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#332288',
  '#117733',
  '#882255',
];

/** A colour per category, in the categories' alphabetical order, so a category keeps its colour on every page. */
export function categoryColours(
  categories: Iterable<string>,
): Map<string, string> {
  const sorted = [...new Set(categories)].sort();
  return new Map(sorted.map((c, i) => [c, PALETTE[i % PALETTE.length]]));
}
