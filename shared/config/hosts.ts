/** `/etc/hosts`: `address name [aliases…] [# comment]`, IPv4 and IPv6, kept byte for byte. */
import type { Diagnostic, SourceLocation } from './diagnostic.js';
import { ipv4NumberAt, isIpv6, isLoopbackAt } from './net.js';
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
  /** Every entry as an object, made when first read. */
  readonly entries: HostsEntry[];
  /** The same entries as places in the text, for readers of all of them. */
  table: HostsTable;
  diagnostics: Diagnostic[];
}

const LINE = 0;
const ADDRESS_START = 1;
const ADDRESS_END = 2;
const NAMES_START = 3;
const FIRST_NAME_END = 4;
const NAMES_END = 5;
const NAME_COUNT = 6;
const NAMES_COLUMN = 7;
const STRIDE = 8;

const isBlank = (code: number) => code === 32 || code === 9 || code === 13 || code === 11 || code === 12;

/**
 * The entries of a hosts file as offsets into its text, 32 bytes each: a 65,535-line file is
 * read without an object, an array and two strings per line. `entry(i)` makes one when asked.
 */
export class HostsTable {
  count = 0;
  private rows = new Int32Array(64 * STRIDE);
  /** Canonical names once made: the model and the rules read each of them, and keep them. */
  private canonicalNames: (string | undefined)[] | undefined;

  constructor(readonly text: string) {}

  add(line: number, bounds: readonly number[], fields: number, lineStart: number): void {
    if ((this.count + 1) * STRIDE > this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    const row = this.count++ * STRIDE;
    const namesStart = bounds[2] ?? 0;
    this.rows[row + LINE] = line;
    this.rows[row + ADDRESS_START] = bounds[0] ?? 0;
    this.rows[row + ADDRESS_END] = bounds[1] ?? 0;
    this.rows[row + NAMES_START] = namesStart;
    this.rows[row + FIRST_NAME_END] = bounds[3] ?? 0;
    this.rows[row + NAMES_END] = bounds[fields - 1] ?? 0;
    this.rows[row + NAME_COUNT] = (fields - 2) / 2;
    this.rows[row + NAMES_COLUMN] = namesStart - lineStart;
  }

  line(entry: number): number {
    return this.field(entry, LINE);
  }

  address(entry: number): string {
    return this.text.slice(this.field(entry, ADDRESS_START), this.field(entry, ADDRESS_END));
  }

  /** The address as a number, or -1 when it is not IPv4. */
  ipv4(entry: number): number {
    return ipv4NumberAt(this.text, this.field(entry, ADDRESS_START), this.field(entry, ADDRESS_END));
  }

  isLoopback(entry: number): boolean {
    return isLoopbackAt(this.text, this.field(entry, ADDRESS_START), this.field(entry, ADDRESS_END));
  }

  /** The canonical name: the first after the address. */
  name(entry: number): string {
    const names = (this.canonicalNames ??= new Array<string | undefined>(this.count));
    return (names[entry] ??= this.text.slice(
      this.field(entry, NAMES_START),
      this.field(entry, FIRST_NAME_END),
    ));
  }

  nameCount(entry: number): number {
    return this.field(entry, NAME_COUNT);
  }

  names(entry: number): string[] {
    const names: string[] = [];
    const end = this.field(entry, NAMES_END);
    let at = this.field(entry, NAMES_START);
    while (at < end) {
      const start = at;
      while (at < end && !isBlank(this.text.charCodeAt(at))) at += 1;
      names.push(this.text.slice(start, at));
      while (at < end && isBlank(this.text.charCodeAt(at))) at += 1;
    }
    return names;
  }

  /** Whether the entry names `name`, canonical or alias. */
  hasName(entry: number, name: string): boolean {
    if (this.nameCount(entry) === 1) {
      const start = this.field(entry, NAMES_START);
      const end = this.field(entry, FIRST_NAME_END);
      return end - start === name.length && this.text.startsWith(name, start);
    }
    return this.names(entry).includes(name);
  }

  entry(entry: number): HostsEntry {
    return {
      line: this.line(entry),
      address: this.address(entry),
      names: this.names(entry),
      namesColumn: this.field(entry, NAMES_COLUMN),
    };
  }

  private field(entry: number, field: number): number {
    return this.rows[entry * STRIDE + field] ?? 0;
  }
}

function contentOf(line: string): string {
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash);
}

/**
 * Writes the [start, end) offsets of the white-space separated fields of one line, up to a `#`,
 * to the start of `bounds` and returns how many it wrote. One array serves every line.
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

const isAlphanumeric = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** A host name of letters, digits and inner hyphens, in dot-separated labels (RFC 1123), read in place. */
function isHostNameAt(text: string, start: number, end: number): boolean {
  let labelStart = start;
  for (let i = start; i <= end; i++) {
    const code = i === end ? 46 : text.charCodeAt(i);
    if (code === 46) {
      if (i === labelStart || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45)
        return false;
      labelStart = i + 1;
    } else if (!isAlphanumeric(code) && code !== 45) return false;
  }
  return true;
}

function locationOf(file: string, line: number, lineStart: number, offset = lineStart): SourceLocation {
  return { file, line, column: offset - lineStart + 1 };
}

/** Checks one line's fields; false when it is not an entry (a diagnostic says why). */
function checkEntry(
  text: string,
  file: string,
  line: number,
  lineStart: number,
  bounds: readonly number[],
  count: number,
  diagnostics: Diagnostic[],
): boolean {
  const addressStart = bounds[0] ?? 0;
  const addressEnd = bounds[1] ?? 0;
  if (ipv4NumberAt(text, addressStart, addressEnd) === -1 && !isIpv6(text.slice(addressStart, addressEnd))) {
    diagnostics.push({
      code: 'hosts/invalid-address',
      severity: 'error',
      message: `'${text.slice(addressStart, addressEnd)}' is not an IPv4 or IPv6 address`,
      location: locationOf(file, line, lineStart, addressStart),
    });
    return false;
  }
  if (count < 4) {
    diagnostics.push({
      code: 'hosts/missing-name',
      severity: 'error',
      message: `${text.slice(addressStart, addressEnd)} has no host name after it`,
      location: locationOf(file, line, lineStart, addressStart),
    });
    return false;
  }
  for (let field = 2; field < count; field += 2) {
    const start = bounds[field] ?? 0;
    const end = bounds[field + 1] ?? 0;
    if (isHostNameAt(text, start, end)) continue;
    diagnostics.push({
      code: 'hosts/invalid-name',
      severity: 'warning',
      message: `'${text.slice(start, end)}' is not a valid host name (letters, digits, '-' and '.')`,
      location: locationOf(file, line, lineStart, start),
    });
  }
  return true;
}

export function parseHosts(text: string, file: string): HostsFile {
  const diagnostics: Diagnostic[] = [];
  const table = new HostsTable(text);
  const bounds: number[] = [];
  let lineStart = 0;
  for (let line = 1; lineStart < text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const count = fieldsOf(text, lineStart, lineEnd, bounds);
    if (count > 0 && checkEntry(text, file, line, lineStart, bounds, count, diagnostics))
      table.add(line, bounds, count, lineStart);
    lineStart = lineEnd + 1;
  }
  return withLazyEntries(withLazyLines({ file, text, table, diagnostics }));
}

/** Gives a parsed hosts file an `entries` list built from its table on first use. */
function withLazyEntries<T extends { table: HostsTable }>(
  document: T,
): T & { readonly entries: HostsEntry[] } {
  let entries: HostsEntry[] | undefined;
  return Object.defineProperty(document, 'entries', {
    get: () => (entries ??= Array.from({ length: document.table.count }, (_, i) => document.table.entry(i))),
    enumerable: false,
  }) as T & { readonly entries: HostsEntry[] };
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
