/**
 * Text as the config files hold it: lines with their own line endings (LF, CRLF, or none on
 * a last line without a final newline), and edits as replacements of offset ranges. Every
 * parser keeps offsets into the original text, so writing an unmodified document gives back
 * the same bytes and an edit touches only the text it replaces.
 */

export type LineEnding = '' | '\n' | '\r\n';

export interface SourceLine {
  /** 1-based line number. */
  number: number;
  /** Offset of the line's first character in the whole text. */
  start: number;
  /** The line without its ending. */
  text: string;
  eol: LineEnding;
}

export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const crlf = newline !== -1 && end > start && text.charCodeAt(end - 1) === 13;
    lines.push({
      number: lines.length + 1,
      start,
      text: text.slice(start, crlf ? end - 1 : end),
      eol: newline === -1 ? '' : crlf ? '\r\n' : '\n',
    });
    start = newline === -1 ? text.length : newline + 1;
  }
  return lines;
}

/** The line ending a file mostly uses, for lines an edit adds (a last line without one does not count). */
export function dominantLineEnding(lines: readonly SourceLine[]): '\n' | '\r\n' {
  let crlf = 0;
  let ended = 0;
  for (const line of lines) {
    if (line.eol === '\r\n') crlf += 1;
    if (line.eol !== '') ended += 1;
  }
  return crlf * 2 > ended ? '\r\n' : '\n';
}

/** Replaces `text.slice(start, end)` with `replacement`. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.start < cursor) throw new RangeError(`overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** The edit that removes whole lines `first`..`last` (1-based, inclusive) with their endings. */
export function deleteLines(lines: readonly SourceLine[], first: number, last: number): TextEdit {
  const from = lines[first - 1];
  const to = lines[last - 1];
  if (!from || !to) throw new RangeError(`no lines ${first}-${last}`);
  const end = to.start + to.text.length + to.eol.length;
  // Removing the last line of a file without a final newline: take the newline before it instead.
  if (to.eol === '' && first > 1) {
    const previous = lines[first - 2];
    if (previous) return { start: previous.start + previous.text.length, end, replacement: '' };
  }
  return { start: from.start, end, replacement: '' };
}

/** The edit that inserts whole lines after line `after` (0 = at the top), in the file's line ending. */
export function insertLines(
  lines: readonly SourceLine[],
  after: number,
  newLines: readonly string[],
): TextEdit {
  const eol = dominantLineEnding(lines);
  const anchor = lines[Math.min(after, lines.length) - 1];
  if (!anchor) return { start: 0, end: 0, replacement: newLines.map((line) => line + eol).join('') };
  if (anchor.eol === '') {
    // The anchor is the last line and has no final newline: keep it that way after the insert.
    const offset = anchor.start + anchor.text.length;
    return { start: offset, end: offset, replacement: newLines.map((line) => eol + line).join('') };
  }
  const offset = anchor.start + anchor.text.length + anchor.eol.length;
  return { start: offset, end: offset, replacement: newLines.map((line) => line + eol).join('') };
}

/** The edit that replaces the text of line `number`, keeping its ending. */
export function replaceLine(lines: readonly SourceLine[], number: number, text: string): TextEdit {
  const line = lines[number - 1];
  if (!line) throw new RangeError(`no line ${number}`);
  return { start: line.start, end: line.start + line.text.length, replacement: text };
}

/** Gives a parsed document a `lines` view built on first use: parsing large files skips it. */
export function withLazyLines<T extends { text: string }>(document: T): T & { readonly lines: SourceLine[] } {
  let lines: SourceLine[] | undefined;
  return Object.defineProperty(document, 'lines', {
    get: () => (lines ??= splitLines(document.text)),
    enumerable: false,
  }) as T & { readonly lines: SourceLine[] };
}
