import { ipv4NumberAt, macNumberAt } from '../net.js';
import { stringContent } from './token-text.js';

/**
 * The tokenizer shared by dhcpd.conf and dhcpd.leases. A 65,535-host file has 720,000 tokens,
 * so they live in typed arrays, as offsets into the text, and become objects only when asked.
 *
 * Words join what ISC's lexer reads as separate tokens but every statement treats as one value:
 * names with dashes and dots (`domain-name-servers`, `agent.circuit-id`, `cluster.com.`),
 * numbers, IPv4 addresses, colon-hex (`00:E0:06:E8:00:84`, `000:09:30:6A:1C`) and IPv6 addresses.
 */

export type TokenKind = 'word' | 'string' | 'punct' | 'comment';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character (a string's opening quote). */
  start: number;
  /** Offset just past the last character (a string's closing quote, if it has one). */
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
}

/** How far `lineAt` walks from its last answer before it searches. */
const NEAR_LINES = 8;

const kindNames: readonly TokenKind[] = ['word', 'string', 'punct', 'comment'];
const WORD = 0;
const STRING = 1;
const PUNCT = 2;

/** A token's length fits its kind's byte below this; longer ones keep their end in a map. */
const LONG = 63;

/**
 * Every token but comments, in order, addressed by index: its kind and length in a byte, and
 * its start (5 bytes a token; lines come from the table of line starts, by binary search).
 */
export class TokenTable {
  count = 0;
  /** Kind in the low two bits, length above them (LONG: see `longEnds`). */
  private kinds: Uint8Array;
  private starts: Int32Array;
  private readonly longEnds = new Map<number, number>();
  private lineStarts: Int32Array;
  private lineCount = 1;
  private lastLine = 1;

  constructor(readonly text: string) {
    // Room for one token per 4 characters, as dense as lease files get (a date is five tokens), so
    // growing stays rare; pages never written cost nothing.
    const capacity = Math.max(64, Math.ceil(text.length / 4));
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lineStarts = new Int32Array(Math.max(64, text.length >> 3));
  }

  add(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const index = this.count++;
    const length = end - start;
    this.kinds[index] = kind | (Math.min(length, LONG) << 2);
    this.starts[index] = start;
    if (length >= LONG) this.longEnds.set(index, end);
  }

  /** Records that a line starts at `offset` (just past a newline). */
  newLine(offset: number): void {
    if (this.lineCount === this.lineStarts.length) this.lineStarts = grown(this.lineStarts);
    this.lineStarts[this.lineCount++] = offset;
  }

  /** Lines seen so far: the line the next token starts on. */
  get currentLine(): number {
    return this.lineCount;
  }

  kind(index: number): TokenKind {
    return kindNames[this.kindAt(index)] ?? 'punct';
  }

  start(index: number): number {
    return this.starts[index] ?? 0;
  }

  end(index: number): number {
    const length = (this.kinds[index] ?? 0) >> 2;
    return length === LONG ? (this.longEnds.get(index) ?? 0) : this.start(index) + length;
  }

  line(index: number): number {
    return this.lineAt(this.start(index));
  }

  column(index: number): number {
    const start = this.start(index);
    return start - this.lineStart(this.lineAt(start)) + 1;
  }

  /**
   * The 1-based line an offset is on. Readers move back and forth within a few lines (a block's
   * first and last line, its values), so a short walk from the last answer comes before a search.
   */
  lineAt(offset: number): number {
    let line = this.lastLine;
    for (let step = 0; step < NEAR_LINES; step++) {
      if (line > 1 && offset < (this.lineStarts[line - 1] ?? 0)) line -= 1;
      else if (line < this.lineCount && offset >= (this.lineStarts[line] ?? 0)) line += 1;
      else return (this.lastLine = line);
    }
    let low = 0;
    let high = this.lineCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return (this.lastLine = low + 1);
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? 0;
  }

  /** Whether a line ends between two tokens. */
  lineBreakBetween(before: number, after: number): boolean {
    for (let at = this.end(before); at < this.start(after); at += 1)
      if (this.text.charCodeAt(at) === LF) return true;
    return false;
  }

  textOf(index: number): string {
    return this.text.slice(this.start(index), this.end(index));
  }

  /** The token as written, a string without its quotes. */
  valueOf(index: number): string {
    return this.isString(index)
      ? stringContent(this.text, this.start(index), this.end(index))
      : this.textOf(index);
  }

  /** Whether the token's value (a string's without its quotes) is `expected`, compared in place. */
  valueIs(index: number, expected: string): boolean {
    return this.isString(index) ? this.valueOf(index) === expected : this.spells(index, expected);
  }

  /** The word as an IPv4 address (see `ipv4NumberAt`), read in place; -1 for anything else, strings too. */
  ipv4At(index: number): number {
    return this.isString(index) ? -1 : ipv4NumberAt(this.text, this.start(index), this.end(index));
  }

  /** The word as a MAC (see `macNumberAt`), read in place; -1 for anything else, strings too. */
  macAt(index: number): number {
    return this.isString(index) ? -1 : macNumberAt(this.text, this.start(index), this.end(index));
  }

  isWord(index: number, word: string): boolean {
    return this.kindAt(index) === WORD && this.spells(index, word);
  }

  isPunct(index: number, punct: string): boolean {
    return this.kindAt(index) === PUNCT && this.spells(index, punct);
  }

  isString(index: number): boolean {
    return this.kindAt(index) === STRING;
  }

  isWordKind(index: number): boolean {
    return this.kindAt(index) === WORD;
  }

  isPunctKind(index: number): boolean {
    return this.kindAt(index) === PUNCT;
  }

  /** The token as an object, for the tree and the views. */
  token(index: number): Token {
    const start = this.start(index);
    const line = this.lineAt(start);
    return {
      kind: this.kind(index),
      start,
      end: this.end(index),
      line,
      column: start - this.lineStart(line) + 1,
    };
  }

  /** Compared character by character: `startsWith` at an offset of a megabytes-long text is slower. */
  private spells(index: number, expected: string): boolean {
    const start = this.starts[index] ?? 0;
    if (this.end(index) - start !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) {
      if (this.text.charCodeAt(start + i) !== expected.charCodeAt(i)) return false;
    }
    return true;
  }

  private kindAt(index: number): number {
    return (this.kinds[index] ?? PUNCT) & 3;
  }

  private grow(): void {
    this.kinds = grown(this.kinds);
    this.starts = grown(this.starts);
  }
}

function grown<T extends Uint8Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

export interface Tokenized {
  tokens: TokenTable;
  comments: Token[];
  /** The index of a string with no closing quote (it runs to the end of the text), or -1. */
  unterminatedString: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const BACKSLASH = 92;
const COLON = 58;
const EQUALS = 61;
const BANG = 33;
const TILDE = 126;

const OTHER_CHAR = 0;
const WORD_CHAR = 1;
const SPACE_CHAR = 2;

const charClass = new Uint8Array(128);
for (const c of ' \t\v\f\r') charClass[c.charCodeAt(0)] = SPACE_CHAR;
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.') {
  charClass[c.charCodeAt(0)] = WORD_CHAR;
}

function classOf(code: number): number {
  return code < 128 ? (charClass[code] ?? OTHER_CHAR) : OTHER_CHAR;
}

export function tokenize(text: string): Tokenized {
  const tokens = new TokenTable(text);
  const comments: Token[] = [];
  let unterminatedString = -1;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === LF) {
      tokens.newLine(++i);
      continue;
    }
    const charKind = classOf(code);
    if (charKind === SPACE_CHAR) {
      i += 1;
      continue;
    }
    const start = i;
    if (code === HASH) {
      i = endOfComment(text, i);
      const line = tokens.currentLine;
      comments.push({ kind: 'comment', start, end: i, line, column: start - tokens.lineStart(line) + 1 });
      continue;
    }
    let kind = PUNCT;
    if (code === QUOTE) {
      kind = STRING;
      i = endOfString(text, i, tokens);
      if (i < 0) {
        i = length;
        unterminatedString = tokens.count;
      }
    } else if (charKind === WORD_CHAR || (code === COLON && text.charCodeAt(i + 1) === COLON)) {
      kind = WORD;
      i = endOfWord(text, i + 1);
    } else {
      i += operatorLength(text, i, code);
    }
    tokens.add(kind, start, i);
  }
  return { tokens, comments, unterminatedString };
}

/** A comment ends before the newline, and before the CR of a CRLF ending. */
function endOfComment(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  if (newline === -1) return text.length;
  return newline > from + 1 && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
}

/** Past the closing quote, or -1 when there is none; counts the newlines inside. */
function endOfString(text: string, from: number, tokens: TokenTable): number {
  for (let i = from + 1; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code === BACKSLASH) code = text.charCodeAt(++i);
    if (code === LF) tokens.newLine(i + 1);
  }
  return -1;
}

/** A colon belongs to a word when it joins two parts (`00:e0`) or is part of IPv6's `::`. */
function endOfWord(text: string, from: number): number {
  let i = from;
  for (;;) {
    const code = text.charCodeAt(i);
    if (classOf(code) === WORD_CHAR) {
      i += 1;
    } else if (code === COLON) {
      const next = text.charCodeAt(i + 1);
      if (classOf(next) !== WORD_CHAR && next !== COLON && text.charCodeAt(i - 1) !== COLON) return i;
      i += 1;
    } else {
      return i;
    }
  }
}

function operatorLength(text: string, at: number, code: number): number {
  const next = text.charCodeAt(at + 1);
  if ((code === BANG || code === TILDE) && next === EQUALS) return 2;
  if (code === TILDE && next === TILDE) return 2;
  return 1;
}
