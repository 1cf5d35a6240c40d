/** `/etc/hosts`: `address name [aliases…] [# comment]`, IPv4 and IPv6, kept byte for byte. */
import type { Diagnostic } from './diagnostic.js';
import { isIpv4, isIpv6 } from './net.js';
import { replaceLine, splitLines, type SourceLine, type TextEdit } from './source.js';

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
  lines: SourceLine[];
  entries: HostsEntry[];
  diagnostics: Diagnostic[];
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function contentOf(line: string): string {
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash);
}

function parseLine(file: string, line: SourceLine, diagnostics: Diagnostic[]): HostsEntry | undefined {
  const content = contentOf(line.text);
  const fields = [...content.matchAll(/\S+/g)];
  const [addressField, ...nameFields] = fields;
  if (!addressField) return undefined;
  const address = addressField[0];
  const at = (column: number) => ({ file, line: line.number, column: column + 1 });
  if (!isIpv4(address) && !isIpv6(address)) {
    diagnostics.push({
      code: 'hosts/invalid-address',
      severity: 'error',
      message: `'${address}' is not an IPv4 or IPv6 address`,
      location: at(addressField.index),
    });
    return undefined;
  }
  if (nameFields.length === 0) {
    diagnostics.push({
      code: 'hosts/missing-name',
      severity: 'error',
      message: `${address} has no host name after it`,
      location: at(addressField.index),
    });
    return undefined;
  }
  for (const field of nameFields) {
    if (!HOST_NAME.test(field[0])) {
      diagnostics.push({
        code: 'hosts/invalid-name',
        severity: 'warning',
        message: `'${field[0]}' is not a valid host name (letters, digits, '-' and '.')`,
        location: at(field.index),
      });
    }
  }
  return {
    line: line.number,
    address,
    names: nameFields.map((field) => field[0]),
    namesColumn: nameFields[0]?.index ?? 0,
  };
}

export function parseHosts(text: string, file: string): HostsFile {
  const lines = splitLines(text);
  const diagnostics: Diagnostic[] = [];
  const entries: HostsEntry[] = [];
  for (const line of lines) {
    const entry = parseLine(file, line, diagnostics);
    if (entry) entries.push(entry);
  }
  return { file, text, lines, entries, diagnostics };
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
