import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MacIndex, macKey } from '../../../../shared/cluster/mac-index.js';
import { normalizeMac } from '../../../../shared/config/net.js';

const octet = fc.integer({ min: 0, max: 255 }).map((value) => value.toString(16).padStart(2, '0'));
/** A MAC as admins write them: either case, `:` or `-`, and now and then not a MAC at all. */
const spelledMac = fc.oneof(
  fc
    .tuple(fc.array(octet, { minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-'), fc.boolean())
    .map(([octets, separator, upper]) => {
      const mac = octets.join(separator);
      return upper ? mac.toUpperCase() : mac;
    }),
  fc.constantFrom('000:09:30:6A:1C', 'zz:e0:06:e8:00:81', '0:e0:6:e8:0:84', ''),
);

describe('the MAC index', () => {
  it('finds what a map of normalised MACs finds, whatever the spelling and however many', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(spelledMac, fc.boolean()), { maxLength: 3000 }), (steps) => {
        const index = new MacIndex();
        const reference = new Map<string, number>();
        steps.forEach(([mac, write], value) => {
          if (write) {
            index.set(macKey(mac), value);
            reference.set(normalizeMac(mac), value);
          }
          expect(index.get(macKey(mac))).toBe(reference.get(normalizeMac(mac)));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('keeps 65,535 MACs that differ in one octet apart', () => {
    const index = new MacIndex();
    const mac = (i: number) =>
      `52:54:00:${[16, 8, 0].map((shift) => ((i >> shift) & 255).toString(16).padStart(2, '0')).join(':')}`;
    for (let i = 0; i < 65_535; i++) index.set(macKey(mac(i)), i);
    const found = Array.from({ length: 65_535 }, (_, i) => index.get(macKey(mac(i).toUpperCase())));
    expect(found.filter((value, i) => value !== i)).toEqual([]);
    expect(index.get(macKey(mac(65_535)))).toBeUndefined();
  });
});
