import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../../shared/config/diagnostic.js';
import { parseLeases } from '../../../../../shared/config/dhcpd/leases.js';
import { parseDhcpdConf, writeDhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import type { DhcpdNode } from '../../../../../shared/config/dhcpd/syntax.js';
import { splitLines } from '../../../../../shared/config/source.js';
import { confFixtures } from './fixtures.js';

/** Pieces of dhcpd.conf and dhcpd.leases, so random texts reach deep into the grammar. */
const pieces = [
  'host',
  'node001',
  'group',
  'subnet',
  '10.0.0.0',
  'netmask',
  '255.255.255.0',
  'shared-network',
  'pool',
  'range',
  'dynamic-bootp',
  'hardware',
  'ethernet',
  '00:E0:06:E8:00:84',
  '000:09:30:6A:1C',
  '2001:db8::1',
  '::',
  'fixed-address',
  '192.168.0.1',
  'filename',
  '"/lts/pxelinux.0"',
  '"esc\\"aped\\\\"',
  '"\\101"',
  '"unterminated',
  'next-server',
  'option',
  'host-name',
  'code',
  '224',
  'space',
  'include',
  'if',
  'elsif',
  'else',
  'not',
  'and',
  'or',
  'exists',
  'substring',
  'concat',
  'binary-to-ascii',
  'leased-address',
  'config-option',
  'use-host-decl-names',
  'on',
  'lease',
  'starts',
  '3 2026/11/18 07:42:10',
  'never',
  'binding',
  'state',
  'active',
  'set',
  'class',
  'match',
  'spawn',
  'with',
  'subclass',
  'log',
  'execute',
  '{',
  '}',
  ';',
  '(',
  ')',
  ',',
  '=',
  '!=',
  '~=',
  '~~',
  ':',
  '/',
  '+',
  '\\',
  '@',
  '# comment\n',
  '#',
];
const separators = ['', ' ', '  ', '\t', '\n', '\r\n', '\n\n'];

const dhcpdish = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { maxLength: 80 })
  .map((parts) => parts.map(([piece, separator]) => piece + separator).join(''));

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 200 }),
  dhcpdish,
);

/** A diagnostic points into the text: a line it has, a column at most one past that line's end. */
function expectInText(text: string, diagnostic: Diagnostic): void {
  const lines = splitLines(text);
  const { line, column } = diagnostic.location;
  expect(line).toBeGreaterThanOrEqual(1);
  expect(line).toBeLessThanOrEqual(lines.length);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(column).toBeLessThanOrEqual((lines[line - 1]?.text.length ?? 0) + 1);
  expect(diagnostic).toMatchObject({ code: 'dhcpd/syntax', severity: 'error' });
}

function expectSpansInText(text: string, nodes: readonly DhcpdNode[], lineCount: number): void {
  for (const node of nodes) {
    expect(node.start).toBeGreaterThanOrEqual(0);
    expect(node.start).toBeLessThanOrEqual(node.end);
    expect(node.end).toBeLessThanOrEqual(text.length);
    expect(node.firstLine).toBeGreaterThanOrEqual(1);
    expect(node.firstLine).toBeLessThanOrEqual(node.lastLine);
    expect(node.lastLine).toBeLessThanOrEqual(lineCount);
    const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
    expect(text.slice(lineStart, lineStart + node.indent.length)).toBe(node.indent);
    expect(text.charAt(lineStart + node.indent.length)).not.toMatch(/[ \t]/);
    if (node.kind === 'block') expectSpansInText(text, node.body, lineCount);
    if (node.kind === 'conditional') expectSpansInText(text, node.branches, lineCount);
  }
}

describe('parseDhcpdConf on any text', () => {
  it('never throws, writes the text back unchanged and keeps its diagnostics and spans in the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const conf = parseDhcpdConf(text, 'dhcpd.conf');
        expect(writeDhcpdConf(conf)).toBe(text);
        for (const diagnostic of conf.diagnostics) expectInText(text, diagnostic);
        expectSpansInText(text, conf.body, splitLines(text).length);
        for (const host of conf.hosts)
          expect(text.slice(host.name.start, host.name.end)).toContain(host.name.text);
        expect(() => [conf.subnets, conf.globals, conf.includes]).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('finds nothing wrong in the fixtures cut after any statement', () => {
    for (const { name, text } of confFixtures) {
      const conf = parseDhcpdConf(text, name);
      for (const node of conf.body) {
        expect(parseDhcpdConf(text.slice(0, node.end), name).diagnostics).toEqual([]);
      }
    }
  });

  it('survives blocks and expressions nested far deeper than any file', () => {
    const deep = `${'group { '.repeat(5000)}${'} '.repeat(5000)}`;
    expect(parseDhcpdConf(deep, 'deep').diagnostics.map((d) => d.message)).toEqual([
      'blocks nested too deeply',
    ]);
    const parens = `if ${'('.repeat(5000)}a${')'.repeat(5000)} { }`;
    expect(parseDhcpdConf(parens, 'parens').diagnostics.map((d) => d.message)).toEqual([
      'expression nested too deeply',
    ]);
  });
});

describe('parseLeases on any text', () => {
  it('never throws and keeps its diagnostics in the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const leases = parseLeases(text, 'dhcpd.leases');
        for (const diagnostic of leases.diagnostics) expectInText(text, diagnostic);
        for (const lease of leases.leases) expect(lease.line).toBeLessThanOrEqual(lease.lastLine);
      }),
      { numRuns: 500 },
    );
  });
});
