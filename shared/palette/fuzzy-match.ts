/**
 * The command palette's matching, as editors' palettes do it: the query's characters appear
 * in the label in order (case ignored), and labels where they sit together, at word starts
 * and early rank first.
 */

const isWordStart = (text: string, index: number) => index === 0 || /[\s\-_./[(]/.test(text[index - 1] ?? '');

/** How well `query` matches `label` (higher is better), or undefined when it does not. */
export function matchScore(query: string, label: string): number | undefined {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const text = label.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of wanted) {
    const index = text.indexOf(char, from);
    if (index < 0) return undefined;
    score += 1;
    if (index === previous + 1) score += 4;
    if (isWordStart(text, index)) score += 3;
    previous = index;
    from = index + 1;
  }
  return score - text.length / 100;
}

/** The items whose label matches, best first (equal scores keep their order). */
export function rankByQuery<T>(query: string, items: readonly T[], label: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  const scored: Array<{ item: T; score: number; order: number }> = [];
  items.forEach((item, order) => {
    const score = matchScore(query, label(item));
    if (score !== undefined) scored.push({ item, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map(({ item }) => item);
}
