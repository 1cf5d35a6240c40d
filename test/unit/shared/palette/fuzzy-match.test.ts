import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchScore, rankByQuery } from '../../../../shared/palette/fuzzy-match.js';

const labels = [
  'Go to Nodes',
  'Open terminal on node001',
  'Open terminal on node013',
  'Open terminal on node130',
  'New terminal on the gateway',
  'Toggle broadcast',
];

describe('matchScore', () => {
  it('matches the query’s characters in order, whatever their case', () => {
    expect(matchScore('otn13', 'Open terminal on node013')).toBeDefined();
    expect(matchScore('BROAD', 'Toggle broadcast')).toBeDefined();
    expect(matchScore('tsaocdab', 'Toggle broadcast')).toBeUndefined();
  });

  it('never throws, and every label matches the empty query and itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (query, label) => {
        expect(() => matchScore(query, label)).not.toThrow();
        expect(matchScore('', label)).toBeDefined();
        expect(matchScore(label, label)).toBeDefined();
      }),
    );
  });
});

describe('rankByQuery', () => {
  const rank = (query: string) => rankByQuery(query, labels, (label) => label);

  it('keeps only labels holding the query in order, characters that sit together first', () => {
    expect(rank('node013')).toEqual(['Open terminal on node013']);
    expect(rank('node13').slice(0, 2)).toEqual(['Open terminal on node130', 'Open terminal on node013']);
  });

  it('prefers word starts: "tb" finds Toggle broadcast first', () => {
    expect(rank('tb')[0]).toBe('Toggle broadcast');
  });

  it('keeps every item, in order, for an empty query', () => {
    expect(rank('  ')).toEqual(labels);
  });
});
