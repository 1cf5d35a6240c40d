import type { Expression } from './syntax.js';
import type { TokenTable } from './tokenize.js';

/**
 * dhcp-eval(5) expressions over a slice of tokens. The grammar is generic where dhcpd's is a
 * list of functions: any `name (args)` is a call, any other word a constant or a variable
 * (`leased-address`, `hardware`, `known`, `00:0B`), so new functions parse without a change.
 */

export interface ExpressionError {
  message: string;
  /** The offending token's index, or -1 when the expression ended too early. */
  token: number;
}

export type ExpressionResult = { expression: Expression } | { error: ExpressionError };

/** Binary operators from the loosest to the tightest, as dhcpd binds them. */
const precedence: readonly (readonly string[])[] = [
  ['or', 'and'],
  ['=', '!=', '~=', '~~'],
  ['+', '-'],
  ['*', '/', '%'],
  ['&', '|', '^'],
];
const referenceOperators = new Set(['option', 'config-option', 'exists', 'encapsulate']);
const maxDepth = 64;

class Failure extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

/** Parses the tokens `from`..`to` as one expression. */
export function parseExpression(tokens: TokenTable, from: number, to: number): ExpressionResult {
  const parser = new ExpressionParser(tokens, from, to);
  try {
    return { expression: parser.parseAll() };
  } catch (failure) {
    if (failure instanceof Failure) return { error: failure.detail };
    throw failure;
  }
}

class ExpressionParser {
  private index: number;
  private depth = 0;

  constructor(
    private readonly tokens: TokenTable,
    from: number,
    private readonly to: number,
  ) {
    this.index = from;
  }

  parseAll(): Expression {
    const expression = this.binary(0);
    if (this.index < this.to)
      this.fail(`unexpected '${this.tokens.textOf(this.index)}' after the expression`);
    return expression;
  }

  private binary(level: number): Expression {
    const operators = precedence[level];
    if (!operators) return this.unary();
    let left = this.binary(level + 1);
    while (this.index < this.to && this.isOperator(this.index, operators)) {
      const operator = this.tokens.textOf(this.index++);
      const right = this.binary(level + 1);
      left = { kind: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expression {
    this.expectOperand();
    const start = this.tokens.start(this.index);
    if (this.tokens.isWord(this.index, 'not')) {
      this.index += 1;
      const operand = this.nested(() => this.unary());
      return { kind: 'not', operand, start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expression {
    const { tokens } = this;
    const at = this.index++;
    const token = tokens.token(at);
    if (tokens.isString(at)) return { kind: 'constant', token, start: token.start, end: token.end };
    if (tokens.isPunct(at, '(')) {
      const inner = this.nested(() => this.binary(0));
      const close = this.expectClose(at);
      return { kind: 'group', inner, start: token.start, end: tokens.end(close) };
    }
    if (!tokens.isWordKind(at)) this.fail(`unexpected '${tokens.textOf(at)}' in an expression`, at);
    if (this.index < this.to && tokens.isPunct(this.index, '(')) return this.call(at);
    const operator = tokens.textOf(at);
    if (isReferenceOperator(operator) && this.index < this.to && tokens.isWordKind(this.index)) {
      const name = tokens.token(this.index++);
      return { kind: 'reference', operator, name, start: token.start, end: name.end };
    }
    return { kind: 'constant', token, start: token.start, end: token.end };
  }

  private call(nameIndex: number): Expression {
    const { tokens } = this;
    const name = tokens.token(nameIndex);
    const open = this.index++;
    const args: Expression[] = [];
    if (this.index < this.to && tokens.isPunct(this.index, ')')) {
      return { kind: 'call', name, args, start: name.start, end: tokens.end(this.index++) };
    }
    for (;;) {
      args.push(this.nested(() => this.binary(0)));
      if (this.index >= this.to || !tokens.isPunct(this.index, ',')) break;
      this.index += 1;
    }
    const close = this.expectClose(open);
    return { kind: 'call', name, args, start: name.start, end: tokens.end(close) };
  }

  private nested(parse: () => Expression): Expression {
    this.depth += 1;
    if (this.depth > maxDepth)
      this.fail('expression nested too deeply', this.index < this.to ? this.index : -1);
    const expression = parse();
    this.depth -= 1;
    return expression;
  }

  private expectOperand(): void {
    if (this.index < this.to) return;
    this.fail(`expected an expression after '${this.tokens.textOf(this.index - 1)}'`, -1);
  }

  private expectClose(open: number): number {
    if (this.index < this.to && this.tokens.isPunct(this.index, ')')) return this.index++;
    const where = `line ${this.tokens.line(open)}, column ${this.tokens.column(open)}`;
    return this.fail(`expected ')' to close the '(' at ${where}`, this.index < this.to ? this.index : -1);
  }

  private isOperator(index: number, operators: readonly string[]): boolean {
    return !this.tokens.isString(index) && operators.includes(this.tokens.textOf(index));
  }

  private fail(message: string, token = this.index): never {
    throw new Failure({ message, token });
  }
}

function isReferenceOperator(word: string): word is 'option' | 'config-option' | 'exists' | 'encapsulate' {
  return referenceOperators.has(word);
}
