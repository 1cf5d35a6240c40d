import {
  applyEdits,
  deleteLines,
  dominantLineEnding,
  insertLines,
  splitLines,
  type SourceLine,
  type TextEdit,
} from '../source.js';
import { parseDhcpdConf, type DhcpdConf } from './parse.js';
import type { DhcpdBlock } from './syntax.js';
import { unquoted } from './token-text.js';
import type { Token } from './tokenize.js';
import type { DhcpdHost, DhcpdValue } from './views.js';

/**
 * Host edits that change only what they must: a value's own text, a statement's own line, a
 * block's own lines, written the way the file already writes them (indentation, statement
 * order, brace placement, MAC case, line endings, a missing final newline). They return edits
 * against the parsed text, for `applyEdits`.
 */

export interface NewDhcpdHost {
  name: string;
  mac: string;
  ip: string;
  /** Defaults to the filename of the host the new one is modelled on. */
  filename?: string;
}

/** An edit that cannot be made: no such host, a name taken, a value dhcpd would not read. */
export class DhcpdEditError extends Error {
  override name = 'DhcpdEditError';
}

/**
 * Adds a host after the last host block, in its scope, laid out like it (its comments left
 * out); with no host in the file, appends a block with 2-space indentation after a blank line.
 */
export function addHost(conf: DhcpdConf, host: NewDhcpdHost): TextEdit[] {
  checkHostName(host.name);
  checkMac(host.mac);
  checkAddress(host.ip);
  if (host.filename !== undefined) checkFilename(host.filename);
  const taken = conf.hosts.find((existing) => existing.name.text === host.name);
  if (taken) throw new DhcpdEditError(`host ${host.name} already exists (line ${taken.firstLine})`);
  const template = conf.hosts[conf.hosts.length - 1];
  return [template ? addAfter(conf, template, host) : appendHost(conf, host)];
}

/** Removes a host block's lines, with the blank lines that set it apart from what is above. */
export function removeHost(conf: DhcpdConf, name: string): TextEdit[] {
  const block = closedBlock(findHost(conf, name));
  if (!ownsItsLines(conf.text, block)) return [inlineRemoval(conf.text, block)];
  const lines = splitLines(conf.text);
  // A host right below takes over the separating blank lines.
  const hostBelow = conf.hosts.some((other) => other.firstLine === block.lastLine + 1);
  const first = block.firstLine - (hostBelow ? 0 : blankLinesAbove(lines, block.firstLine));
  return [deleteLines(lines, first, block.lastLine)];
}

export function setHostMac(conf: DhcpdConf, name: string, mac: string): TextEdit[] {
  checkMac(mac);
  const host = findHost(conf, name);
  if (!host.mac) return [insertStatement(conf, host, `hardware ethernet ${mac}`)];
  return [{ start: host.mac.start, end: host.mac.end, replacement: inCaseOf(host.mac.text, mac) }];
}

/** Sets the host's one address (a list of several becomes that one). */
export function setHostAddress(conf: DhcpdConf, name: string, ip: string): TextEdit[] {
  checkAddress(ip);
  const host = findHost(conf, name);
  const first = host.fixedAddresses[0];
  const last = host.fixedAddresses[host.fixedAddresses.length - 1];
  if (!first || !last) return [insertStatement(conf, host, `fixed-address ${ip}`)];
  return [{ start: first.start, end: last.end, replacement: ip }];
}

export function setHostFilename(conf: DhcpdConf, name: string, filename: string): TextEdit[] {
  checkFilename(filename);
  const host = findHost(conf, name);
  const replacement = quote(filename);
  if (!host.filename) return [insertStatement(conf, host, `filename ${replacement}`)];
  return [{ start: host.filename.start, end: host.filename.end, replacement }];
}

/**
 * Renames the declaration, and the values in it that are the old name: `option host-name "…"`,
 * and the other strings that spell it exactly (xCAT's `supersede server.ddns-hostname = "…"`).
 */
export function renameHost(conf: DhcpdConf, oldName: string, newName: string): TextEdit[] {
  checkHostName(newName);
  const host = findHost(conf, oldName);
  const taken = conf.hosts.find((existing) => existing.name.text === newName && existing !== host);
  if (taken) throw new DhcpdEditError(`host ${newName} already exists (line ${taken.firstLine})`);
  return [host.name, ...namesInside(conf, host, oldName)].map(({ start, end, quoted }) => ({
    start,
    end,
    replacement: quoted ? quote(newName) : newName,
  }));
}

/** Strings in the host's statements that are its name, and an unquoted `option host-name` that is. */
function namesInside(conf: DhcpdConf, host: DhcpdHost, name: string): DhcpdValue[] {
  const found = new Map<number, DhcpdValue>();
  const { hostName } = host;
  if (hostName && hostName.text === name) found.set(hostName.start, hostName);
  for (const node of host.block.body) {
    if (node.kind !== 'statement') continue;
    for (const word of node.words) {
      if (word.kind !== 'string' || unquoted(conf.text, word) !== name) continue;
      const { start, end, line, column } = word;
      found.set(start, { text: name, quoted: true, start, end, line, column });
    }
  }
  return [...found.values()];
}

/** The new block: a copy of the template's text with the new values, inserted after it. */
function addAfter(conf: DhcpdConf, template: DhcpdHost, host: NewDhcpdHost): TextEdit {
  const { text } = conf;
  const block = closedBlock(template);
  if (!ownsItsLines(text, block)) {
    return { start: block.end, end: block.end, replacement: ` ${copyOf(conf, template, block.start, host)}` };
  }
  const lines = splitLines(text);
  const last = lines[block.lastLine - 1] as SourceLine;
  const first = lines[block.firstLine - 1] as SourceLine;
  const separatorStart = (lines[block.firstLine - 1 - blankLinesAbove(lines, block.firstLine)] as SourceLine)
    .start;
  const separator = text.slice(separatorStart, first.start);
  const copy = copyOf(conf, template, first.start, host);
  const at = last.start + last.text.length;
  return { start: at, end: at, replacement: `${last.eol || dominantLineEnding(lines)}${separator}${copy}` };
}

/** The template's text from `from` to its `}`, reparsed and edited step by step. */
function copyOf(conf: DhcpdConf, template: DhcpdHost, from: number, host: NewDhcpdHost): string {
  const templateName = template.name.text;
  const steps: ((copy: DhcpdConf) => TextEdit[])[] = [
    withoutComments,
    (copy) => renameHost(copy, templateName, host.name),
    (copy) => hostNameLike(copy, host.name, template),
    (copy) => namedAfter(copy, host.name, templateName),
    (copy) => setHostMac(copy, host.name, host.mac),
    (copy) => setHostAddress(copy, host.name, host.ip),
    (copy) => (host.filename === undefined ? [] : setHostFilename(copy, host.name, host.filename)),
  ];
  let copy = conf.text.slice(from, template.block.end);
  for (const step of steps) copy = applyEdits(copy, step(parseDhcpdConf(copy, conf.file)));
  return copy;
}

/**
 * The copy's `option host-name` when the template's differs from its declaration's name:
 * Warewulf declares `n0004-default` with host-name "n0004", so `n0005-default` gets "n0005";
 * anything else gets the new name rather than a copy of another host's.
 */
function hostNameLike(copy: DhcpdConf, name: string, template: DhcpdHost): TextEdit[] {
  const hostName = findHost(copy, name).hostName;
  const templateHostName = template.hostName?.text;
  if (!hostName || templateHostName === undefined || templateHostName === template.name.text) return [];
  const suffix = template.name.text.startsWith(templateHostName)
    ? template.name.text.slice(templateHostName.length)
    : undefined;
  const derived = suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : '';
  const value = derived || name;
  return [{ start: hostName.start, end: hostName.end, replacement: hostName.quoted ? quote(value) : value }];
}

/**
 * Strings of the copy that name the template host inside a longer text (xCAT's
 * `supersede conf-file = "http://…/autoinst/cn024"`) name the new host; its filename stays.
 */
function namedAfter(copy: DhcpdConf, name: string, templateName: string): TextEdit[] {
  const escaped = templateName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const wholeName = new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`, 'g');
  const edits: TextEdit[] = [];
  for (const node of findHost(copy, name).block.body) {
    if (node.kind !== 'statement' || node.keyword === 'filename') continue;
    for (const word of node.words) {
      const text = copy.text.slice(word.start, word.end);
      const replaced = text.replace(wholeName, name);
      if (word.kind === 'string' && replaced !== text)
        edits.push({ start: word.start, end: word.end, replacement: replaced });
    }
  }
  return edits;
}

function withoutComments(conf: DhcpdConf): TextEdit[] {
  const lines = splitLines(conf.text);
  return conf.comments.map((comment) => {
    if (startsItsLine(conf.text, comment.start)) return deleteLines(lines, comment.line, comment.line);
    return {
      start: comment.start - blanksBefore(conf.text, comment.start),
      end: comment.end,
      replacement: '',
    };
  });
}

function appendHost(conf: DhcpdConf, host: NewDhcpdHost): TextEdit {
  const lines = splitLines(conf.text);
  let last = lines.length;
  while (last > 0 && isBlank(lines[last - 1] as SourceLine)) last -= 1;
  const block = [
    `host ${host.name} {`,
    `  hardware ethernet ${host.mac};`,
    `  fixed-address ${host.ip};`,
    ...(host.filename === undefined ? [] : [`  filename ${quote(host.filename)};`]),
    '}',
  ];
  return insertLines(lines, last, last > 0 ? ['', ...block] : block);
}

/** A statement the host lacks, on its own line before the `}` (or before it on a one-line block). */
function insertStatement(conf: DhcpdConf, host: DhcpdHost, statement: string): TextEdit {
  const { text } = conf;
  const block = closedBlock(host);
  const close = block.close as Token;
  if (startsItsLine(text, close.start)) {
    return insertLines(splitLines(text), close.line - 1, [`${innerIndent(text, block)}${statement};`]);
  }
  const spaced = blanksBefore(text, close.start) > 0;
  return { start: close.start, end: close.start, replacement: `${spaced ? '' : ' '}${statement}; ` };
}

function innerIndent(text: string, block: DhcpdBlock): string {
  const onItsLine = block.body.find((node) => startsItsLine(text, node.start));
  if (onItsLine) return onItsLine.indent;
  return block.indent + (block.indent.includes('\t') ? '\t' : '  ');
}

/** Removes a block that shares a line with something else, and the blanks that separated them. */
function inlineRemoval(text: string, block: DhcpdBlock): TextEdit {
  if (startsItsLine(text, block.start)) {
    return { start: block.start, end: block.end + blanksAfter(text, block.end), replacement: '' };
  }
  return { start: block.start - blanksBefore(text, block.start), end: block.end, replacement: '' };
}

/** Nothing but blanks before the block on its first line, and nothing but blanks or a comment after it. */
function ownsItsLines(text: string, block: DhcpdBlock): boolean {
  if (!startsItsLine(text, block.start)) return false;
  const after = block.end + blanksAfter(text, block.end);
  const next = text.charCodeAt(after);
  return Number.isNaN(next) || next === 10 || next === 13 || next === 35;
}

function startsItsLine(text: string, offset: number): boolean {
  const before = offset - blanksBefore(text, offset);
  return before === 0 || text.charCodeAt(before - 1) === 10;
}

function blanksBefore(text: string, offset: number): number {
  let count = 0;
  while (isBlankChar(text.charCodeAt(offset - count - 1))) count += 1;
  return count;
}

function blanksAfter(text: string, offset: number): number {
  let count = 0;
  while (isBlankChar(text.charCodeAt(offset + count))) count += 1;
  return count;
}

function isBlankChar(code: number): boolean {
  return code === 32 || code === 9;
}

function blankLinesAbove(lines: readonly SourceLine[], firstLine: number): number {
  let count = 0;
  while (count < firstLine - 1 && isBlank(lines[firstLine - 2 - count] as SourceLine)) count += 1;
  return count;
}

function isBlank(line: SourceLine): boolean {
  return line.text.trim() === '';
}

function findHost(conf: DhcpdConf, name: string): DhcpdHost {
  const host = conf.hosts.find((candidate) => candidate.name.text === name);
  if (!host) throw new DhcpdEditError(`no host ${name} in ${conf.file}`);
  return host;
}

function closedBlock(host: DhcpdHost): DhcpdBlock {
  if (!host.block.close) throw new DhcpdEditError(`host ${host.name.text}'s block is never closed`);
  return host.block;
}

/** A MAC in the case the file already writes them in. */
function inCaseOf(example: string, mac: string): string {
  const upper = /[A-F]/.test(example);
  const lower = /[a-f]/.test(example);
  if (upper === lower) return mac;
  return upper ? mac.toUpperCase() : mac.toLowerCase();
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

const hostNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const macPattern = /^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2})+$/;
const ipv4Pattern = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function checkHostName(name: string): void {
  if (!hostNamePattern.test(name)) throw new DhcpdEditError(`not a host name dhcpd reads: '${name}'`);
}

function checkMac(mac: string): void {
  if (!macPattern.test(mac)) throw new DhcpdEditError(`not a hardware address: '${mac}'`);
}

function checkAddress(ip: string): void {
  if (!ipv4Pattern.test(ip)) throw new DhcpdEditError(`not an IPv4 address: '${ip}'`);
}

function checkFilename(filename: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(filename))
    throw new DhcpdEditError('a filename cannot hold control characters');
}
