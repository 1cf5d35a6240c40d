import type { Token } from './tokenize.js';

/**
 * The statement tree of dhcpd.conf (and dhcpd.leases, which has the same shape). Every node
 * keeps offsets into the parsed text; comments and whitespace are not in the tree, the text
 * keeps them. Nodes are made when first read (a big file has hundreds of thousands).
 */

interface NodeBase {
  /** The first word: `host`, `subnet`, `option`, `if`, …; '' for a `{` with nothing before it. */
  readonly keyword: string;
  /** Offset of the first word. */
  readonly start: number;
  /** Offset just past the `;` or `}` (past the last word when that is missing). */
  readonly end: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The whitespace that starts the first line. */
  readonly indent: string;
}

interface WordsBase extends NodeBase {
  /** The tokens before the `;` or `{`, the keyword first. */
  readonly words: Token[];
  /** The expression some statements carry (`if …`, `option x = …`, `match if …`, `log (…)`). */
  readonly expression: Expression | undefined;
}

/** `words… ;` */
export interface DhcpdStatement extends WordsBase {
  readonly kind: 'statement';
  /** The `;`, or undefined when it is missing (a diagnostic says so). */
  readonly semicolon: Token | undefined;
}

/** `words… { body }`, and each branch of an `if`. */
export interface DhcpdBlock extends WordsBase {
  readonly kind: 'block';
  readonly open: Token;
  /** The `}`, or undefined when the block is never closed (a diagnostic says so). */
  readonly close: Token | undefined;
  readonly body: DhcpdNode[];
}

/** `if … { } elsif … { } else { }`: its branches are blocks keyed `if`, `elsif` (also for `else if`) and `else`. */
export interface DhcpdConditional extends NodeBase {
  readonly kind: 'conditional';
  readonly branches: DhcpdBlock[];
}

export type DhcpdNode = DhcpdStatement | DhcpdBlock | DhcpdConditional;

/** dhcp-eval(5) expressions. Every node spans `start`..`end` in the text. */
export type Expression =
  | { kind: 'constant'; token: Token; start: number; end: number }
  | {
      kind: 'reference';
      operator: 'option' | 'config-option' | 'exists' | 'encapsulate';
      name: Token;
      start: number;
      end: number;
    }
  | { kind: 'call'; name: Token; args: Expression[]; start: number; end: number }
  | { kind: 'not'; operand: Expression; start: number; end: number }
  | { kind: 'binary'; operator: string; left: Expression; right: Expression; start: number; end: number }
  | { kind: 'group'; inner: Expression; start: number; end: number };
