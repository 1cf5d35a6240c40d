import type { Token } from './tokenize.js';

/** A value as written: a string's text between its quotes (escapes kept), anything else as it is. */
export function unquoted(text: string, token: Token): string {
  return token.kind === 'string'
    ? stringContent(text, token.start, token.end)
    : text.slice(token.start, token.end);
}

/** The text between a string's quotes (an unterminated string has no closing one). */
export function stringContent(text: string, start: number, end: number): string {
  const closed = end - start >= 2 && text.charCodeAt(end - 1) === 34;
  return text.slice(start + 1, closed ? end - 1 : end);
}

const messageLength = 60;

/** Source text for a message: quoted, on one line, and cut short when long. */
export function quoteForMessage(source: string): string {
  const flat = source.replace(/\s+/g, ' ');
  return `'${flat.length > messageLength ? `${flat.slice(0, messageLength - 1)}…` : flat}'`;
}
