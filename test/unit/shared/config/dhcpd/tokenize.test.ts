import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../../shared/config/dhcpd/tokenize.js';

function tokensOf(text: string): string[] {
  const { tokens } = tokenize(text);
  return Array.from({ length: tokens.count }, (_, index) => `${tokens.kind(index)}:${tokens.textOf(index)}`);
}

describe('tokenize', () => {
  it('reads MACs as written, odd ones too, addresses, numbers and dotted names as words', () => {
    expect(
      tokensOf('hardware ethernet 000:09:30:6A:1C; fixed-address 192.168.0.1; option agent.circuit-id 0;'),
    ).toEqual([
      'word:hardware',
      'word:ethernet',
      'word:000:09:30:6A:1C',
      'punct:;',
      'word:fixed-address',
      'word:192.168.0.1',
      'punct:;',
      'word:option',
      'word:agent.circuit-id',
      'word:0',
      'punct:;',
    ]);
  });

  it('keeps tokens of any length whole, around the longest its kind byte holds', () => {
    const lengths = [1, 61, 62, 63, 64, 65, 300, 70_000];
    const words = lengths.map((length) => 'w'.repeat(length));
    const strings = lengths.map((length) => `"${'s'.repeat(Math.max(0, length - 2))}"`);
    const text = [...words, ...strings].join(' ; ');
    expect(tokensOf(text).filter((token) => token !== 'punct:;')).toEqual([
      ...words.map((word) => `word:${word}`),
      ...strings.map((string) => `string:${string}`),
    ]);
    const { tokens } = tokenize(text);
    expect(tokens.isWord(2 * 3, 'w'.repeat(63))).toBe(true);
    expect(tokens.isWord(2 * 3, 'w'.repeat(64))).toBe(false);
  });

  it('reads IPv6 addresses and prefixes, and keeps a colon that ends a word apart', () => {
    expect(tokensOf('2001:db8:0:1::129 ::1 2001:db8::/64 default: case 1:')).toEqual([
      'word:2001:db8:0:1::129',
      'word:::1',
      'word:2001:db8::',
      'punct:/',
      'word:64',
      'word:default',
      'punct::',
      'word:case',
      'word:1',
      'punct::',
    ]);
  });

  it('reads strings with escaped quotes, backslashes and octal escapes whole', () => {
    expect(tokensOf('"a\\"b" "c\\\\" "\\001\\340"')).toEqual([
      'string:"a\\"b"',
      'string:"c\\\\"',
      'string:"\\001\\340"',
    ]);
  });

  it('reads comparison operators as one token', () => {
    expect(tokensOf('a != b ~= c ~~ d = e')).toEqual([
      'word:a',
      'punct:!=',
      'word:b',
      'punct:~=',
      'word:c',
      'punct:~~',
      'word:d',
      'punct:=',
      'word:e',
    ]);
  });

  it('keeps comments apart, without the CR of a CRLF line', () => {
    const text = 'a; # one\r\n#\r\nb;';
    const { tokens, comments } = tokenize(text);
    expect(comments.map((comment) => text.slice(comment.start, comment.end))).toEqual(['# one', '#']);
    expect(comments.map((comment) => [comment.line, comment.column])).toEqual([
      [1, 4],
      [2, 1],
    ]);
    expect(tokens.count).toBe(4);
    expect([tokens.line(2), tokens.column(2)]).toEqual([3, 1]);
  });

  it('counts the lines a string spans', () => {
    const { tokens } = tokenize('filename "a\nb\\\nc";\nnext;');
    expect(tokens.token(3)).toEqual({ kind: 'word', start: 19, end: 23, line: 4, column: 1 });
  });

  it('runs an unterminated string to the end and says which token it is', () => {
    const { tokens, unterminatedString } = tokenize('filename "pxelinux.0;\n}\n');
    expect(unterminatedString).toBe(1);
    expect(tokens.count).toBe(2);
    expect(tokens.end(1)).toBe(24);
  });
});
