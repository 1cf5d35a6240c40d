/**
 * NodeSet syntax as ClusterShell, pdsh and xCAT write it: `node[001-016,020]`, several
 * patterns separated by commas (`gw,node[1-3]`), steps (`node[1-9/2]`) and several bracket
 * groups (`rack[1-2]-node[01-04]`). Zero padding follows the range's bounds.
 */

const MAX_EXPANDED = 1_000_000;

export type NodeSetResult = { ok: true; nodes: string[] } | { ok: false; error: string };

interface Range {
  from: number;
  to: number;
  step: number;
  width: number;
}

function parseRange(text: string): Range | string {
  const match = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(text.trim());
  if (!match) return `'${text}' is not a number or a range like 1-16`;
  const [, fromText = '', toText, stepText] = match;
  const from = Number(fromText);
  const to = toText === undefined ? from : Number(toText);
  const step = stepText === undefined ? 1 : Number(stepText);
  if (to < from) return `range ${text} runs backwards`;
  if (step < 1) return `range ${text} has a step below 1`;
  const padded = fromText.length > 1 && fromText.startsWith('0');
  return { from, to, step, width: padded ? fromText.length : 0 };
}

function expandGroup(body: string): string[] | string {
  const values: string[] = [];
  for (const part of body.split(',')) {
    const range = parseRange(part);
    if (typeof range === 'string') return range;
    if ((range.to - range.from) / range.step + values.length >= MAX_EXPANDED) {
      return `more than ${MAX_EXPANDED} names`;
    }
    for (let n = range.from; n <= range.to; n += range.step)
      values.push(String(n).padStart(range.width, '0'));
  }
  return values;
}

function expandPattern(pattern: string): string[] | string {
  let names = [''];
  let rest = pattern;
  while (rest.length > 0) {
    const open = rest.indexOf('[');
    if (open === -1) {
      if (rest.includes(']')) return `unmatched ']' in '${pattern}'`;
      names = names.map((name) => name + rest);
      break;
    }
    const close = rest.indexOf(']', open);
    if (close === -1) return `unmatched '[' in '${pattern}'`;
    const prefix = rest.slice(0, open);
    const values = expandGroup(rest.slice(open + 1, close));
    if (typeof values === 'string') return values;
    if (names.length * values.length > MAX_EXPANDED) return `more than ${MAX_EXPANDED} names`;
    names = names.flatMap((name) => values.map((value) => name + prefix + value));
    rest = rest.slice(close + 1);
  }
  return names;
}

/** Splits at commas outside brackets. */
function splitPatterns(text: string): string[] {
  const patterns: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      patterns.push(text.slice(start, i));
      start = i + 1;
    }
  }
  patterns.push(text.slice(start));
  return patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern.length > 0);
}

/** Expands a NodeSet into node names, in order, without duplicates. */
export function expandNodeSet(text: string): NodeSetResult {
  const seen = new Set<string>();
  for (const pattern of splitPatterns(text)) {
    if (/\s/.test(pattern)) return { ok: false, error: `'${pattern}' contains white space` };
    const names = expandPattern(pattern);
    if (typeof names === 'string') return { ok: false, error: names };
    for (const name of names) seen.add(name);
    if (seen.size > MAX_EXPANDED) return { ok: false, error: `more than ${MAX_EXPANDED} names` };
  }
  if (seen.size === 0) return { ok: false, error: 'the node set is empty' };
  return { ok: true, nodes: [...seen] };
}

interface Numbered {
  prefix: string;
  suffix: string;
  digits: string;
}

/** Splits a name at its last run of digits: `rack1-node007` → `rack1-node`, `007`, ``. */
function splitLastNumber(name: string): Numbered | undefined {
  const match = /^(.*?)(\d+)(\D*)$/.exec(name);
  if (!match) return undefined;
  const [, prefix = '', digits = '', suffix = ''] = match;
  return { prefix, digits, suffix };
}

function foldNumbers(digits: readonly string[]): string {
  const numbers = [...new Set(digits)]
    .map((text) => ({ text, value: Number(text) }))
    .sort((a, b) => a.value - b.value);
  const parts: string[] = [];
  let run: Array<(typeof numbers)[number]> = [];
  const close = () => {
    const [first] = run;
    const last = run.at(-1);
    if (first && last) parts.push(first === last ? first.text : `${first.text}-${last.text}`);
  };
  for (const number of numbers) {
    if (number.value !== (run.at(-1)?.value ?? Number.NaN) + 1) {
      close();
      run = [];
    }
    run.push(number);
  }
  close();
  return parts.join(',');
}

interface FoldGroup {
  prefix: string;
  suffix: string;
  digits: string[];
}

/**
 * Folds names into a NodeSet that expands back to them (as a set). Numbers zero-padded to a
 * width fold with the other numbers of that width (`node001`…`node253`); unpadded ones fold
 * together (`n1`…`n12`).
 */
export function foldNodeSet(names: readonly string[]): string {
  const numbered = names.map((name) => ({ name, split: splitLastNumber(name) }));
  const paddedWidths = new Set<string>();
  for (const { split } of numbered) {
    if (split && split.digits.length > 1 && split.digits.startsWith('0')) {
      paddedWidths.add(`${split.prefix}\u0000${split.suffix}\u0000${split.digits.length}`);
    }
  }
  const groups = new Map<string, FoldGroup>();
  const plain = new Set<string>();
  for (const { name, split } of numbered) {
    if (!split) {
      plain.add(name);
      continue;
    }
    const base = `${split.prefix}\u0000${split.suffix}`;
    const widthKey = `${base}\u0000${split.digits.length}`;
    const key = paddedWidths.has(widthKey) ? widthKey : `${base}\u0000`;
    const group = groups.get(key) ?? { prefix: split.prefix, suffix: split.suffix, digits: [] };
    group.digits.push(split.digits);
    groups.set(key, group);
  }
  const folded = [...groups.values()].map(({ prefix, suffix, digits }) =>
    new Set(digits).size === 1
      ? `${prefix}${digits[0]}${suffix}`
      : `${prefix}[${foldNumbers(digits)}]${suffix}`,
  );
  return [...folded, ...plain].sort().join(',');
}
