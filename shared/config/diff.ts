/** Unified diffs (`diff -u` format) of a file before and after an edit. */
import { splitLines, type SourceLine } from './source.js';

type Op = { kind: 'same' | 'del' | 'add'; line: SourceLine };

const MAX_EDIT_DISTANCE = 4000;

/** Myers' shortest edit script between two line lists; past the distance cap, replace them whole. */
function editScript(before: readonly SourceLine[], after: readonly SourceLine[]): Op[] {
  const same = (a: SourceLine, b: SourceLine) => a.text === b.text && a.eol === b.eol;
  const n = before.length;
  const m = after.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && same(before[x] as SourceLine, after[y] as SourceLine)) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, before, after, offset, d);
    }
  }
  return [
    ...before.map((line): Op => ({ kind: 'del', line })),
    ...after.map((line): Op => ({ kind: 'add', line })),
  ];
}

function backtrack(
  trace: readonly Int32Array[],
  before: readonly SourceLine[],
  after: readonly SourceLine[],
  offset: number,
  distance: number,
): Op[] {
  const ops: Op[] = [];
  let x = before.length;
  let y = after.length;
  for (let d = distance; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[offset + previousK] ?? 0;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'same', line: before[x] as SourceLine });
    }
    if (down) ops.push({ kind: 'add', line: after[(y -= 1)] as SourceLine });
    else ops.push({ kind: 'del', line: before[(x -= 1)] as SourceLine });
  }
  while (x > 0) ops.push({ kind: 'same', line: before[(x -= 1)] as SourceLine });
  return ops.reverse();
}

function hunkLines(ops: readonly Op[]): string[] {
  return ops.flatMap(({ kind, line }) => {
    const text = `${kind === 'same' ? ' ' : kind === 'del' ? '-' : '+'}${line.text}`;
    return line.eol === '' ? [text, '\\ No newline at end of file'] : [text];
  });
}

/** The unified diff of `before` → `after` for `path`, or '' when they are equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  return labelledDiff(`a${path}`, `b${path}`, before, after, context);
}

/** The unified diff of two texts under the given `---` and `+++` labels, or '' when equal. */
export function labelledDiff(
  oldLabel: string,
  newLabel: string,
  before: string,
  after: string,
  context = 3,
): string {
  if (before === after) return '';
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  let prefix = 0;
  while (
    prefix < oldLines.length &&
    prefix < newLines.length &&
    oldLines[prefix]?.text === newLines[prefix]?.text &&
    oldLines[prefix]?.eol === newLines[prefix]?.eol
  )
    prefix += 1;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix]?.text === newLines[newLines.length - 1 - suffix]?.text &&
    oldLines[oldLines.length - 1 - suffix]?.eol === newLines[newLines.length - 1 - suffix]?.eol
  ) {
    suffix += 1;
  }
  const ops: Op[] = [
    ...oldLines.slice(0, prefix).map((line): Op => ({ kind: 'same', line })),
    ...editScript(
      oldLines.slice(prefix, oldLines.length - suffix),
      newLines.slice(prefix, newLines.length - suffix),
    ),
    ...oldLines.slice(oldLines.length - suffix).map((line): Op => ({ kind: 'same', line })),
  ];
  return [`--- ${oldLabel}`, `+++ ${newLabel}`, ...hunks(ops, context)].join('\n') + '\n';
}

function hunks(ops: readonly Op[], context: number): string[] {
  const changed = ops.flatMap((op, index) => (op.kind === 'same' ? [] : [index]));
  const output: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, (changed[i] ?? 0) - context);
    let end = (changed[i] ?? 0) + context + 1;
    while (i + 1 < changed.length && (changed[i + 1] ?? 0) - context <= end)
      end = (changed[++i] ?? 0) + context + 1;
    end = Math.min(ops.length, end);
    i += 1;
    const oldStart = ops.slice(0, start).filter((op) => op.kind !== 'add').length;
    const newStart = ops.slice(0, start).filter((op) => op.kind !== 'del').length;
    const slice = ops.slice(start, end);
    const oldCount = slice.filter((op) => op.kind !== 'add').length;
    const newCount = slice.filter((op) => op.kind !== 'del').length;
    const range = (from: number, count: number) =>
      count === 1 ? `${from + 1}` : `${count === 0 ? from : from + 1},${count}`;
    output.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...hunkLines(slice));
  }
  return output;
}
