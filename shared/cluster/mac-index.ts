/**
 * MACs and what holds them, for 65,535 host blocks: a MAC written in the usual way (six
 * two-digit hex numbers, `:` or `-` between them) is a 48-bit number in an open-addressing table
 * of typed arrays, looked up without a string hash or a comparison through its text. Other
 * spellings fall back to a map of their normalised text. Keys equal under `normalizeMac` are one key.
 */
import { macNumberAt, normalizeMac } from '../config/net.js';

const EMPTY = -1;
/** Per slot: the high 24 bits, the low 24 bits, the value. */
const SLOT = 3;

/** MurmurHash3's finaliser: every bit of the key moves the slot. */
function mix(key: number): number {
  let hash = key ^ (key >>> 16);
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A 48-bit key is kept as two 24-bit halves, each fits an Int32Array slot. */
const HALF = 0x1000000;

/** A MAC as the index keys it: six hex octets as their 48-bit number, any other spelling as its normalised text. */
export type MacKey = number | string;

export function macKey(mac: string): MacKey {
  const value = macNumberAt(mac, 0, mac.length);
  return value === -1 ? normalizeMac(mac) : value;
}

export class MacIndex {
  private slots: Int32Array;
  private size = 0;
  private readonly others = new Map<string, number>();

  /** `expected`: how many MACs it will likely hold, so that it need not grow on the way. */
  constructor(expected = 0) {
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.slots = new Int32Array(slots * SLOT).fill(EMPTY);
  }

  get(key: MacKey): number | undefined {
    if (typeof key === 'string') return this.others.get(key);
    const value = this.slots[this.find(Math.floor(key / HALF), key % HALF) + 2] ?? EMPTY;
    return value === EMPTY ? undefined : value;
  }

  /** Records `value` for the MAC; `value` must be 0 or more. */
  set(key: MacKey, value: number): void {
    if (typeof key === 'string') {
      this.others.set(key, value);
      return;
    }
    if ((this.size + 1) * 2 * SLOT > this.slots.length) this.grow();
    this.put(Math.floor(key / HALF), key % HALF, value);
  }

  private put(high: number, low: number, value: number): void {
    const slot = this.find(high, low);
    if (this.slots[slot + 2] === EMPTY) this.size += 1;
    this.slots[slot] = high;
    this.slots[slot + 1] = low;
    this.slots[slot + 2] = value;
  }

  /** The slot holding (high, low), or the empty one where it would go (linear probing). */
  private find(high: number, low: number): number {
    const mask = this.slots.length / SLOT - 1;
    let index = mix(high ^ Math.imul(low, 0x9e3779b1)) & mask;
    for (;;) {
      const slot = index * SLOT;
      if (this.slots[slot + 2] === EMPTY) return slot;
      if (this.slots[slot] === high && this.slots[slot + 1] === low) return slot;
      index = (index + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    this.size = 0;
    for (let slot = 0; slot < old.length; slot += SLOT) {
      const value = old[slot + 2] ?? EMPTY;
      if (value !== EMPTY) this.put(old[slot] ?? 0, old[slot + 1] ?? 0, value);
    }
  }
}
