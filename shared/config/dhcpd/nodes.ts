import type { Expression } from './syntax.js';
import type { TokenTable } from './tokenize.js';

/**
 * The statement tree as the parser builds it: a row of four integers per node, in document
 * order (a node, then its descendants), so a 65,535-host file costs a few megabytes instead of
 * a million objects. What follows from the tokens (where a node ends, its `{` and `;`) is not
 * stored. `tree.ts` shows the rows as objects to whoever asks.
 */

export const STATEMENT = 0;
export const BLOCK = 1;
export const CONDITIONAL = 2;

/** The first word (the `{` of a block without words, the first branch's `if` of a conditional). */
const FIRST = 0;
/** Just past the last word: the words are the tokens FIRST..WORD_END; a block's `{` is at WORD_END. */
const WORD_END = 1;
/** A block's `}`, or -1. */
const CLOSE = 2;
/** Just past the node's last descendant: its next sibling, if it has one. */
const SUBTREE_END = 3;
const STRIDE = 4;

export class NodeTable {
  count = 0;
  private kinds: Uint8Array;
  private rows: Int32Array;
  private readonly expressions = new Map<number, Expression>();

  constructor(private readonly tokens: TokenTable) {
    // A host block is four nodes for its twelve-odd tokens.
    const capacity = Math.max(64, Math.ceil(tokens.count / 3));
    this.kinds = new Uint8Array(capacity);
    this.rows = new Int32Array(capacity * STRIDE);
  }

  /** Adds a node after the ones before it in the text, which must all be finished or its ancestors. */
  add(kind: number, first: number, wordEnd: number): number {
    if (this.count === this.kinds.length) this.grow();
    const node = this.count++;
    this.kinds[node] = kind;
    this.rows[node * STRIDE + FIRST] = first;
    this.rows[node * STRIDE + WORD_END] = wordEnd;
    this.rows[node * STRIDE + CLOSE] = -1;
    this.rows[node * STRIDE + SUBTREE_END] = node + 1;
    return node;
  }

  setClose(block: number, close: number): void {
    this.rows[block * STRIDE + CLOSE] = close;
  }

  setExpression(node: number, expression: Expression | undefined): void {
    if (expression) this.expressions.set(node, expression);
  }

  /** Called once the node's descendants are all added. */
  finish(node: number): void {
    this.rows[node * STRIDE + SUBTREE_END] = this.count;
  }

  kind(node: number): number {
    return this.kinds[node] ?? STATEMENT;
  }

  /** Token indexes: the first word, and just past the last. */
  first(node: number): number {
    return this.get(node, FIRST);
  }

  wordEnd(node: number): number {
    return this.get(node, WORD_END);
  }

  /** The token index of word `k` (0: the keyword) of a node, or -1 when it has fewer words. */
  word(node: number, k: number): number {
    const at = this.first(node) + k;
    return at < this.wordEnd(node) ? at : -1;
  }

  /** Whether the node's first word is `keyword`. */
  isKeyword(node: number, keyword: string): boolean {
    const first = this.first(node);
    return first < this.wordEnd(node) && this.tokens.isWord(first, keyword);
  }

  /** The source text of the node's words from word `k` on, or undefined when it has fewer words. */
  wordsFrom(node: number, k: number): string | undefined {
    const from = this.word(node, k);
    if (from < 0) return undefined;
    return this.tokens.text.slice(this.tokens.start(from), this.tokens.end(this.wordEnd(node) - 1));
  }

  firstLine(node: number): number {
    return this.tokens.line(this.first(node));
  }

  /** A block's `{`. */
  open(block: number): number {
    return this.wordEnd(block);
  }

  /** A block's `}`, or -1 when it is never closed. */
  close(block: number): number {
    return this.get(block, CLOSE);
  }

  /** A statement's `;` (the token after its words, when it is one), or -1. */
  semicolon(statement: number): number {
    const after = this.wordEnd(statement);
    return after < this.tokens.count && this.tokens.isPunct(after, ';') ? after : -1;
  }

  expression(node: number): Expression | undefined {
    return this.expressions.get(node);
  }

  /** Offset just past the node: its `;` or `}`, else its last word or its contents. */
  end(node: number): number {
    switch (this.kind(node)) {
      case STATEMENT: {
        const semicolon = this.semicolon(node);
        return this.tokens.end(semicolon >= 0 ? semicolon : this.wordEnd(node) - 1);
      }
      case BLOCK: {
        const close = this.close(node);
        if (close >= 0) return this.tokens.end(close);
        const lastDescendant = this.next(node) - 1;
        return lastDescendant > node ? this.end(lastDescendant) : this.tokens.end(this.open(node));
      }
      default: {
        const lastBranch = this.lastChild(node);
        return lastBranch > node ? this.end(lastBranch) : this.tokens.end(this.first(node));
      }
    }
  }

  /** The line of the node's last character. */
  lastLine(node: number): number {
    return this.tokens.lineAt(this.end(node) - 1);
  }

  /** The nodes directly inside `parent`, or the top-level nodes for -1. */
  children(parent: number): number[] {
    const children: number[] = [];
    for (let child = parent + 1; child < this.childrenEnd(parent); child = this.next(child))
      children.push(child);
    return children;
  }

  /** Iterating without an array: `for (let c = parent + 1; c < childrenEnd(parent); c = next(c))`. */
  childrenEnd(parent: number): number {
    return parent < 0 ? this.count : this.next(parent);
  }

  next(node: number): number {
    return this.get(node, SUBTREE_END);
  }

  private lastChild(parent: number): number {
    let last = parent;
    for (let child = parent + 1; child < this.childrenEnd(parent); child = this.next(child)) last = child;
    return last;
  }

  private get(node: number, field: number): number {
    return this.rows[node * STRIDE + field] ?? -1;
  }

  private grow(): void {
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }
}
