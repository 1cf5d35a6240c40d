import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandNodeSet, foldNodeSet } from '../../../../shared/cluster/nodeset.js';

const expand = (text: string) => {
  const result = expandNodeSet(text);
  if (!result.ok) throw new Error(result.error);
  return result.nodes;
};

describe('expandNodeSet', () => {
  it('expands ranges and lists with zero padding', () => {
    expect(expand('node[001-003,005]')).toEqual(['node001', 'node002', 'node003', 'node005']);
  });

  it('expands several patterns, steps and bracket groups', () => {
    expect(expand('gw,n[1-5/2]')).toEqual(['gw', 'n1', 'n3', 'n5']);
    expect(expand('rack[1-2]-node[01-02]')).toEqual([
      'rack1-node01',
      'rack1-node02',
      'rack2-node01',
      'rack2-node02',
    ]);
  });

  it('drops duplicates', () => {
    expect(expand('node[1-3],node2')).toEqual(['node1', 'node2', 'node3']);
  });

  it.each([
    ['node[1-3', "unmatched '[' in 'node[1-3'"],
    ['node1-3]', "unmatched ']' in 'node1-3]'"],
    ['node[5-1]', 'range 5-1 runs backwards'],
    ['node[a-b]', "'a-b' is not a number or a range like 1-16"],
    ['node[1-2000000]', 'more than 1000000 names'],
    ['', 'the node set is empty'],
  ])('refuses %j: %s', (text, error) => {
    expect(expandNodeSet(text)).toEqual({ ok: false, error });
  });
});

describe('foldNodeSet', () => {
  it('folds the seed cluster’s names as ClusterShell does', () => {
    const names = Array.from({ length: 253 }, (_, i) => `node${String(i + 1).padStart(3, '0')}`);
    expect(foldNodeSet(['mosix', ...names])).toBe('mosix,node[001-253]');
  });

  it('folds gaps, unpadded numbers and suffixes', () => {
    expect(foldNodeSet(['node001', 'node002', 'node005', 'node004'])).toBe('node[001-002,004-005]');
    expect(foldNodeSet(['n9', 'n10', 'n11'])).toBe('n[9-11]');
    expect(foldNodeSet(['r1-ib', 'r2-ib'])).toBe('r[1-2]-ib');
    expect(foldNodeSet(['node7'])).toBe('node7');
  });

  it('expands back to the same set of names (property)', () => {
    const name = fc
      .tuple(fc.constantFrom('node', 'n', 'gpu-', 'rack1-c'), fc.integer({ min: 0, max: 400 }), fc.boolean())
      .map(([prefix, n, padded]) => `${prefix}${padded ? String(n).padStart(3, '0') : String(n)}`);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 60 }), (names) => {
        expect(new Set(expand(foldNodeSet(names)))).toEqual(new Set(names));
      }),
    );
  });
});
