/** `/etc/hosts`: `address name [aliases…] [# comment]`, IPv4 and IPv6, kept byte for byte. */
import type { Diagnostic, SourceLocation } from './diagnostic.js';
import { isIpv4, isIpv6 } from './net.js';
import { replaceLine, withLazyLines, type SourceLine, type TextEdit } from './source.js';

export interface HostsEntry {
  line: number;
  address: string;
  names: string[];
  /** 0-based column of the first name: where an address change must keep the names. */
  namesColumn: number;
}

export interface HostsFile {
  file: string;
  text: string;
  readonly lines: SourceLine[];
  entries: HostsEntry[];
  diagnostics: Diagnostic[];
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function contentOf(line: string): string {
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash);
}

const isBlank = (code: number) => code === 32 || code === 9 || code === 13 || code === 11 || code === 12;

/**
 * Writes the [start, end) offsets of the white-space separated fields of one line, up to a `#`,
 * to the start of `bounds` and returns how many it wrote. One array serves every line: a
 * 65,535-line file makes no array per line (and never pays for truncating it).
 */
function fieldsOf(text: string, lineStart: number, lineEnd: number, bounds: number[]): number {
  let count = 0;
  let i = lineStart;
  while (i < lineEnd) {
    const code = text.charCodeAt(i);
    if (code === 35) break;
    if (isBlank(code)) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < lineEnd && !isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== 35) i += 1;
    bounds[count++] = start;
    bounds[count++] = i;
  }
  return count;
}

function locationOf(file: string, line: number, lineStart: number, offset = lineStart): SourceLocation {
  return { file, line, column: offset - lineStart + 1 };
}

function parseEntry(
  text: string,
  file: string,
  line: number,
  lineStart: number,
  bounds: number[],
  count: number,
  diagnostics: Diagnostic[],
) {
  const address = text.slice(bounds[0], bounds[1]);
  if (!isIpv4(address) && !isIpv6(address)) {
    diagnostics.push({
      code: 'hosts/invalid-address',
      severity: 'error',
      message: `'${address}' is not an IPv4 or IPv6 address`,
      location: locationOf(file, line, lineStart, bounds[0]),
    });
    return undefined;
  }
  if (count < 4) {
    diagnostics.push({
      code: 'hosts/missing-name',
      severity: 'error',
      message: `${address} has no host name after it`,
      location: locationOf(file, line, lineStart, bounds[0]),
    });
    return undefined;
  }
  // Sized up front: pushing onto an empty array reserves room for 17, and most lines have one name.
  const names = new Array<string>((count - 2) / 2);
  for (let field = 2; field < count; field += 2) {
    const name = text.slice(bounds[field], bounds[field + 1]);
    names[field / 2 - 1] = name;
    if (!HOST_NAME.test(name)) {
      diagnostics.push({
        code: 'hosts/invalid-name',
        severity: 'warning',
        message: `'${name}' is not a valid host name (letters, digits, '-' and '.')`,
        location: locationOf(file, line, lineStart, bounds[field]),
      });
    }
  }
  return { line, address, names, namesColumn: (bounds[2] ?? lineStart) - lineStart };
}

export function parseHosts(text: string, file: string): HostsFile {
  const diagnostics: Diagnostic[] = [];
  const entries: HostsEntry[] = [];
  const bounds: number[] = [];
  let lineStart = 0;
  for (let line = 1; lineStart < text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const count = fieldsOf(text, lineStart, lineEnd, bounds);
    const entry = count > 0 ? parseEntry(text, file, line, lineStart, bounds, count, diagnostics) : undefined;
    if (entry) entries.push(entry);
    lineStart = lineEnd + 1;
  }
  return withLazyLines({ file, text, entries, diagnostics });
}

/**
 * The white space between an address and its names: the template's own, or, where the
 * template pads names to a column, the padding that keeps that column for `address`.
 */
function gapAfter(template: HostsEntry, templateText: string, address: string): string {
  const addressStart = templateText.indexOf(template.address);
  const separator = templateText.slice(addressStart + template.address.length, template.namesColumn);
  if (!/^ {2,}$/.test(separator)) return separator || ' ';
  return ' '.repeat(Math.max(1, template.namesColumn - addressStart - address.length));
}

/** A new entry's line, in the layout of `template` when the file has one. */
export function formatHostsLine(
  hosts: HostsFile,
  template: HostsEntry | undefined,
  address: string,
  names: readonly string[],
): string {
  if (!template) return `${address} ${names.join(' ')}`;
  const text = hosts.lines[template.line - 1]?.text ?? '';
  const nameGap = /^\S+(\s+)\S/.exec(text.slice(template.namesColumn))?.[1] ?? ' ';
  const indent = text.slice(0, text.indexOf(template.address));
  return `${indent}${address}${gapAfter(template, text, address)}${names.join(nameGap)}`;
}

export function findByName(hosts: HostsFile, name: string): HostsEntry | undefined {
  return hosts.entries.find((entry) => entry.names.includes(name));
}

/** Replaces an entry's address, keeping the column its names start at when the file aligns them. */
export function setAddressEdit(hosts: HostsFile, entry: HostsEntry, address: string): TextEdit {
  const text = hosts.lines[entry.line - 1]?.text ?? '';
  const start = text.indexOf(entry.address);
  const updated = `${text.slice(0, start)}${address}${gapAfter(entry, text, address)}${text.slice(entry.namesColumn)}`;
  return replaceLine(hosts.lines, entry.line, updated);
}

/** Replaces one name of an entry (its canonical name or an alias), touching nothing else. */
export function renameEdit(hosts: HostsFile, entry: HostsEntry, oldName: string, newName: string): TextEdit {
  const line = hosts.lines[entry.line - 1];
  const field = [...contentOf(line?.text ?? '').matchAll(/\S+/g)].find(
    (match) => match.index >= entry.namesColumn && match[0] === oldName,
  );
  if (!line || !field) throw new RangeError(`${oldName} is not on line ${entry.line}`);
  const start = line.start + field.index;
  return { start, end: start + oldName.length, replacement: newName };
}
