import type { Expression } from '../../../../../shared/config/dhcpd/syntax.js';

/** An expression tree written back as one normalised line, to compare with what a test expects. */
export function expressionText(text: string, expression: Expression): string {
  const token = (start: number, end: number): string => text.slice(start, end);
  switch (expression.kind) {
    case 'constant':
      return token(expression.token.start, expression.token.end);
    case 'reference':
      return `${expression.operator} ${token(expression.name.start, expression.name.end)}`;
    case 'call': {
      const args = expression.args.map((arg) => expressionText(text, arg)).join(', ');
      return `${token(expression.name.start, expression.name.end)}(${args})`;
    }
    case 'not':
      return `not ${expressionText(text, expression.operand)}`;
    case 'binary':
      return `[${expressionText(text, expression.left)} ${expression.operator} ${expressionText(text, expression.right)}]`;
    case 'group':
      return `(${expressionText(text, expression.inner)})`;
  }
}
