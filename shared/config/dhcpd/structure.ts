import type { Diagnostic } from '../diagnostic.js';
import { parseExpression } from './expression.js';
import { BLOCK, CONDITIONAL, NodeTable, STATEMENT } from './nodes.js';
import type { Expression } from './syntax.js';
import { quoteForMessage } from './token-text.js';
import { tokenize, type Token, type TokenTable } from './tokenize.js';

/**
 * The recursive-descent parser of the shape dhcpd.conf and dhcpd.leases share: a statement is
 * `words… ;`, a block `words… { body }`, and `if`/`elsif`/`else` chains blocks. It knows the
 * grammar only where the model or a good error message needs it; everything else parses
 * generically, so any valid file parses. It never throws: an error becomes a diagnostic and
 * parsing goes on after the next `;` or `}`.
 */

export interface Structure {
  tokens: TokenTable;
  nodes: NodeTable;
  comments: Token[];
  diagnostics: Diagnostic[];
}

export const syntaxCode = 'dhcpd/syntax';

/** Past this depth, blocks are skipped (and said so) rather than recursed into. */
const maxBlockDepth = 100;

/**
 * @param statementKeywords words that start a statement: one at the start of a line inside an
 * unfinished statement means the `;` before it is missing.
 */
export function parseStructure(
  text: string,
  file: string,
  statementKeywords: ReadonlySet<string>,
): Structure {
  const { tokens, comments, unterminatedString } = tokenize(text);
  const parser = new StructureParser(file, tokens, statementKeywords);
  if (unterminatedString >= 0) parser.report(unterminatedString, 'unterminated string');
  // Everything after an unterminated string is inside it, so what is missing at the end is its fault.
  parser.quietAtEnd = unterminatedString >= 0;
  parser.parseBody(0, -1);
  const diagnostics = parser.diagnostics.sort(
    (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
  );
  return { tokens, nodes: parser.nodes, comments, diagnostics };
}

const continuationWords = new Set(['and', 'or', 'not', 'if', 'elsif', 'else', 'match', 'with', '-']);
const continuationPuncts = new Set([',', '=', '(', '!=', '~=', '~~', '+', '*', '/', '%', '&', '|', '^', ':']);
const allowedPuncts = new Set([...continuationPuncts, ';', '{', '}', ')']);
/** Keywords whose statements have a shape the parser checks or an expression it parses. */
type Shape =
  'hardware' | 'single' | 'range' | 'list' | 'assigning' | 'match' | 'spawn' | 'subclass' | 'expression';
const shapes = new Map<string, Shape>([
  ['hardware', 'hardware'],
  ['filename', 'single'],
  ['next-server', 'single'],
  ['server-name', 'single'],
  ['include', 'single'],
  ['range', 'range'],
  ['fixed-address', 'list'],
  ...['option', 'supersede', 'default', 'prepend', 'append', 'send', 'set'].map((k): [string, Shape] => [
    k,
    'assigning',
  ]),
  ['match', 'match'],
  ['spawn', 'spawn'],
  ['subclass', 'subclass'],
  ...['eval', 'return', 'switch'].map((k): [string, Shape] => [k, 'expression']),
]);
/**
 * The shapes by their keyword's first character code, to look one up without copying the
 * keyword out: an array index rather than a hash lookup, for each of a big file's 260,000 statements.
 */
const shapesByInitial: Array<Array<{ keyword: string; shape: Shape }> | undefined> = [];
for (const [keyword, shape] of shapes)
  (shapesByInitial[keyword.charCodeAt(0)] ??= []).push({ keyword, shape });

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

class StructureParser {
  readonly diagnostics: Diagnostic[] = [];
  readonly nodes: NodeTable;
  quietAtEnd = false;
  private index = 0;
  /** Whether the words collected last hold a character dhcpd has no use for. */
  private strayCharacter = false;

  constructor(
    private readonly file: string,
    private readonly tokens: TokenTable,
    private readonly statementKeywords: ReadonlySet<string>,
  ) {
    this.nodes = new NodeTable(tokens);
  }

  /** Parses nodes up to the `}` matching `open` (-1: to the end); returns that `}` or -1. */
  parseBody(depth: number, open: number): number {
    const { tokens } = this;
    while (this.index < tokens.count) {
      const at = this.index;
      const punct = tokens.isPunctKind(at) ? tokens.textOf(at) : '';
      if (punct === '}') {
        this.index += 1;
        if (open >= 0) return at;
        this.report(at, "unbalanced '}'");
      } else if (punct === ';') {
        this.index += 1; // an empty statement, as after `key name { … };`
      } else if (tokens.isWord(at, 'if')) {
        this.parseConditional(depth);
      } else {
        this.parseDeclaration(depth);
      }
    }
    if (open >= 0 && !this.quietAtEnd) {
      this.report(open, `'{' never closed (opened at line ${tokens.line(open)})`);
    }
    return -1;
  }

  private parseDeclaration(depth: number): void {
    const first = this.index;
    if (this.tokens.isWord(first, 'elsif') || this.tokens.isWord(first, 'else')) {
      this.report(first, `'${this.tokens.textOf(first)}' without an 'if' before it`);
    }
    const wordEnd = this.collectWords();
    if (!this.atOpenBrace()) return this.finishStatement(first, wordEnd, "';'");
    if (wordEnd === first) this.report(this.index, "expected a declaration before '{'");
    this.parseBlock(first, wordEnd, depth, this.expressionStart(first, wordEnd, this.shapeOf(first)));
  }

  /** `if … { } elsif … { } else if … { } else { }`; a branch without its `{` ends the chain. */
  private parseConditional(depth: number): void {
    const first = this.index;
    let wordEnd = this.collectWords();
    if (!this.atOpenBrace()) return this.finishStatement(first, wordEnd, "'{'");
    const conditional = this.nodes.add(CONDITIONAL, first, first);
    let branchStart = first;
    let keywordLength = 1;
    for (;;) {
      const isElse = this.tokens.isWord(branchStart, 'else') && keywordLength === 1;
      if (isElse && wordEnd > branchStart + 1) {
        this.report(branchStart + 1, `unexpected '${this.tokens.textOf(branchStart + 1)}' after 'else'`);
      }
      this.parseBlock(branchStart, wordEnd, depth, isElse ? -1 : branchStart + keywordLength);
      this.nodes.finish(conditional);
      keywordLength = this.nextBranchKeywordLength();
      if (keywordLength === 0) return;
      branchStart = this.index;
      wordEnd = this.collectWords();
      if (!this.atOpenBrace()) return this.finishStatement(branchStart, wordEnd, "'{'");
    }
  }

  /** 1 for `elsif` or `else`, 2 for `else if`, 0 when the chain ends. */
  private nextBranchKeywordLength(): number {
    const { tokens } = this;
    const at = this.index;
    if (at >= tokens.count) return 0;
    if (tokens.isWord(at, 'elsif')) return 1;
    if (!tokens.isWord(at, 'else')) return 0;
    return at + 1 < tokens.count && tokens.isWord(at + 1, 'if') ? 2 : 1;
  }

  /** Collects the words of one statement or block header; returns where they end. */
  private collectWords(): number {
    const { tokens } = this;
    const first = this.index;
    let parens = 0;
    this.strayCharacter = false;
    while (this.index < tokens.count) {
      const at = this.index;
      if (tokens.isPunctKind(at)) {
        const punct = tokens.textOf(at);
        if (punct === ';' || punct === '}') break;
        if (punct === '{') {
          if (!this.isRecordDefinition(first, at)) break;
          this.collectRecord();
          continue;
        }
        if (!allowedPuncts.has(punct)) {
          this.report(at, `unexpected character '${punct}'`);
          this.strayCharacter = true;
        }
        parens = Math.max(0, parens + (punct === '(' ? 1 : punct === ')' ? -1 : 0));
      } else if (parens === 0 && at > first && this.startsStatementOnNewLine(at)) {
        break;
      }
      this.index += 1;
    }
    return this.index;
  }

  private startsStatementOnNewLine(at: number): boolean {
    const { tokens } = this;
    const previous = at - 1;
    if (!tokens.isWordKind(at) || !tokens.lineBreakBetween(previous, at)) return false;
    const previousText = tokens.textOf(previous);
    const continues = tokens.isWordKind(previous)
      ? continuationWords.has(previousText)
      : continuationPuncts.has(previousText);
    return !continues && this.statementKeywords.has(tokens.textOf(at));
  }

  /** `option name code 224 = { ip-address, text };` is the one statement with braces inside. */
  private isRecordDefinition(first: number, brace: number): boolean {
    const { tokens } = this;
    return (
      brace - first >= 5 &&
      tokens.isWord(first, 'option') &&
      tokens.isWord(first + 2, 'code') &&
      tokens.isPunct(brace - 1, '=')
    );
  }

  /** Consumes `{ … }`, stopping past the `}`, or on a `;` that comes first. */
  private collectRecord(): void {
    const { tokens } = this;
    for (this.index += 1; this.index < tokens.count; this.index += 1) {
      if (tokens.isPunct(this.index, '}')) {
        this.index += 1;
        return;
      }
      if (tokens.isPunct(this.index, ';')) {
        this.report(this.index, "expected '}' to end the record's list of types");
        return;
      }
    }
  }

  private atOpenBrace(): boolean {
    return this.index < this.tokens.count && this.tokens.isPunct(this.index, '{');
  }

  /** Parses `{ body }` at the index; `first`..`wordEnd` are the words before it. */
  private parseBlock(first: number, wordEnd: number, depth: number, expressionFrom: number): void {
    const open = this.index++;
    const block = this.nodes.add(BLOCK, wordEnd > first ? first : open, wordEnd);
    this.nodes.setExpression(block, this.expressionOf(expressionFrom, wordEnd));
    this.nodes.setClose(
      block,
      depth < maxBlockDepth ? this.parseBody(depth + 1, open) : this.skipBlock(open),
    );
    this.nodes.finish(block);
  }

  private skipBlock(open: number): number {
    const { tokens } = this;
    this.report(open, 'blocks nested too deeply');
    for (let depth = 1; this.index < tokens.count;) {
      const at = this.index++;
      if (tokens.isPunct(at, '{')) depth += 1;
      if (tokens.isPunct(at, '}') && --depth === 0) return at;
    }
    return -1;
  }

  /** Ends a statement at its `;`, or where the `;` (or an `if`'s `{`) should have been. */
  private finishStatement(first: number, wordEnd: number, expected: string): void {
    const { tokens } = this;
    const atEnd = this.index >= tokens.count;
    const semicolon = !atEnd && tokens.isPunct(this.index, ';');
    const shape = this.shapeOf(first);
    if (semicolon) this.index += 1;
    if (semicolon && expected === "';'") {
      // A stray character was reported already; its statement's shape says nothing more.
      if (!this.strayCharacter) this.checkExtraWords(first, wordEnd, shape);
    } else if (!atEnd || !this.quietAtEnd) {
      this.reportAfter(wordEnd - 1, `expected ${expected} after ${this.quote(first, wordEnd - 1)}`);
    }
    const statement = this.nodes.add(STATEMENT, first, wordEnd);
    this.nodes.setExpression(
      statement,
      this.expressionOf(this.expressionStart(first, wordEnd, shape), wordEnd),
    );
  }

  private shapeOf(keyword: number): Shape | undefined {
    const candidates = shapesByInitial[this.tokens.text.charCodeAt(this.tokens.start(keyword))];
    if (candidates === undefined) return undefined;
    // Indexed: a for-of makes an iterator for each of a big file's 260,000 statements.
    for (let at = 0; at < candidates.length; at++) {
      const candidate = candidates[at];
      if (candidate && this.tokens.isWord(keyword, candidate.keyword)) return candidate.shape;
    }
    return undefined;
  }

  /** Statements whose shape is fixed: words past it mean a missing `;` (dhcpd says so too). */
  private checkExtraWords(first: number, wordEnd: number, shape: Shape | undefined): void {
    if (shape === undefined) return;
    const lastValid = this.lastValidWord(first, wordEnd, shape);
    if (lastValid < 0 || lastValid >= wordEnd - 1) return;
    this.reportAfter(lastValid, `expected ';' after ${this.quote(first, lastValid)}`);
  }

  /** The last word a fixed-shape statement may have, or -1 for the others. */
  private lastValidWord(first: number, wordEnd: number, shape: Shape): number {
    const second = first + 1;
    if (second >= wordEnd || this.tokens.isPunct(second, '=')) return -1;
    switch (shape) {
      case 'hardware':
        return first + 2;
      case 'single':
        return second;
      case 'range':
        return first + (this.tokens.isWord(second, 'dynamic-bootp') ? 3 : 2);
      case 'list':
        return this.lastListItem(second, wordEnd);
      default:
        return -1;
    }
  }

  /** The last item of a comma-separated list starting at `from`. */
  private lastListItem(from: number, wordEnd: number): number {
    let item = from;
    while (item + 2 < wordEnd && this.tokens.isPunct(item + 1, ',')) item += 2;
    return item;
  }

  /** Where a statement's or block header's expression starts, or -1 when it has none. */
  private expressionStart(first: number, wordEnd: number, shape: Shape | undefined): number {
    const { tokens } = this;
    const second = first + 1;
    const third = first + 2;
    if (second >= wordEnd) return -1;
    if (tokens.isPunct(second, '=')) return third;
    if (tokens.isPunct(second, '(')) return first;
    switch (shape) {
      case 'assigning':
        return third < wordEnd && tokens.isPunct(third, '=') ? third + 1 : -1;
      case 'match':
        return tokens.isWord(second, 'if') ? third : second;
      case 'spawn':
        return tokens.isWord(second, 'with') ? third : -1;
      case 'subclass':
        return third;
      case 'expression':
        return second;
      default:
        return -1;
    }
  }

  private expressionOf(from: number, to: number): Expression | undefined {
    if (from < 0) return undefined;
    const result = parseExpression(this.tokens, from, to);
    if ('expression' in result) return result.expression;
    const { token, message } = result.error;
    if (token >= 0 && token < this.tokens.count) this.report(token, message);
    else this.reportAfter(to - 1, message);
    return undefined;
  }

  /** The 1-based line and column just past a token's last character on its line. */
  private positionAfter(token: number): { line: number; column: number } {
    const { tokens } = this;
    let end = tokens.end(token);
    while (end > tokens.start(token) + 1 && isLineBreak(tokens.text.charCodeAt(end - 1))) end -= 1;
    const line = tokens.lineAt(end - 1);
    return { line, column: end - tokens.lineStart(line) + 1 };
  }

  private quote(first: number, last: number): string {
    return quoteForMessage(this.tokens.text.slice(this.tokens.start(first), this.tokens.end(last)));
  }

  private reportAfter(token: number, message: string): void {
    const { line, column } = this.positionAfter(token);
    this.diagnostics.push(this.diagnostic(line, column, message));
  }

  report(token: number, message: string): void {
    this.diagnostics.push(this.diagnostic(this.tokens.line(token), this.tokens.column(token), message));
  }

  private diagnostic(line: number, column: number, message: string): Diagnostic {
    return { code: syntaxCode, severity: 'error', message, location: { file: this.file, line, column } };
  }
}
