import { BLOCK, CONDITIONAL, type NodeTable } from './nodes.js';
import type { DhcpdBlock, DhcpdConditional, DhcpdNode, DhcpdStatement, Expression } from './syntax.js';
import type { Token, TokenTable } from './tokenize.js';

/** The parsed tables, shown as the node objects of `syntax.ts`, each made once, when first read. */
export class DhcpdTree {
  private readonly made = new Map<number, DhcpdNode>();
  private readonly interned = new Map<string, string>();
  private topLevel: DhcpdNode[] | undefined;

  constructor(
    readonly tokens: TokenTable,
    readonly nodes: NodeTable,
  ) {}

  get body(): DhcpdNode[] {
    return (this.topLevel ??= this.childrenOf(-1));
  }

  node(index: number): DhcpdNode {
    let node = this.made.get(index);
    if (!node) this.made.set(index, (node = this.make(index)));
    return node;
  }

  childrenOf(parent: number): DhcpdNode[] {
    return this.nodes.children(parent).map((child) => this.node(child));
  }

  /** The node's first word; `elsif` for an `else if` branch. */
  keyword(index: number): string {
    const { nodes, tokens } = this;
    const first = nodes.word(index, 0);
    if (first < 0) return '';
    if (nodes.isKeyword(index, 'else') && tokens.isWord(nodes.word(index, 1), 'if')) return 'elsif';
    const text = tokens.textOf(first);
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    this.interned.set(text, text);
    return text;
  }

  /** The whitespace that starts the node's first line. */
  indent(index: number): string {
    const { text } = this.tokens;
    const lineStart = this.tokens.lineStart(this.nodes.firstLine(index));
    let end = lineStart;
    while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end += 1;
    return text.slice(lineStart, end);
  }

  words(index: number): Token[] {
    const words: Token[] = [];
    for (let at = this.nodes.first(index); at < this.nodes.wordEnd(index); at += 1)
      words.push(this.tokens.token(at));
    return words;
  }

  tokenOrUndefined(index: number): Token | undefined {
    return index < 0 ? undefined : this.tokens.token(index);
  }

  private make(index: number): DhcpdNode {
    switch (this.nodes.kind(index)) {
      case BLOCK:
        return new BlockNode(this, index);
      case CONDITIONAL:
        return new ConditionalNode(this, index);
      default:
        return new StatementNode(this, index);
    }
  }
}

/** A node: its row of the tables, read on each access (kept private, so copying a node copies no tables). */
abstract class NodeView {
  readonly #tree: DhcpdTree;
  readonly #index: number;

  constructor(tree: DhcpdTree, index: number) {
    this.#tree = tree;
    this.#index = index;
  }

  protected get tree(): DhcpdTree {
    return this.#tree;
  }

  protected get index(): number {
    return this.#index;
  }

  get keyword(): string {
    return this.tree.keyword(this.index);
  }

  get start(): number {
    return this.tree.tokens.start(this.tree.nodes.first(this.index));
  }

  get end(): number {
    return this.tree.nodes.end(this.index);
  }

  get firstLine(): number {
    return this.tree.nodes.firstLine(this.index);
  }

  get lastLine(): number {
    return this.tree.nodes.lastLine(this.index);
  }

  get indent(): string {
    return this.tree.indent(this.index);
  }
}

abstract class WordsView extends NodeView {
  private wordTokens: Token[] | undefined;

  get words(): Token[] {
    return (this.wordTokens ??= this.tree.words(this.index));
  }

  get expression(): Expression | undefined {
    return this.tree.nodes.expression(this.index);
  }
}

class StatementNode extends WordsView implements DhcpdStatement {
  readonly kind = 'statement';

  get semicolon(): Token | undefined {
    return this.tree.tokenOrUndefined(this.tree.nodes.semicolon(this.index));
  }
}

class BlockNode extends WordsView implements DhcpdBlock {
  readonly kind = 'block';
  private children: DhcpdNode[] | undefined;

  get open(): Token {
    return this.tree.tokens.token(this.tree.nodes.open(this.index));
  }

  get close(): Token | undefined {
    return this.tree.tokenOrUndefined(this.tree.nodes.close(this.index));
  }

  get body(): DhcpdNode[] {
    return (this.children ??= this.tree.childrenOf(this.index));
  }
}

class ConditionalNode extends NodeView implements DhcpdConditional {
  readonly kind = 'conditional';
  private blocks: DhcpdBlock[] | undefined;

  override get keyword(): string {
    return 'if';
  }

  get branches(): DhcpdBlock[] {
    return (this.blocks ??= this.tree.childrenOf(this.index).filter((node) => node.kind === 'block'));
  }
}
