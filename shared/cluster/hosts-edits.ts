/** Where and how a node's line goes into (or out of) a hosts file, in the file's own order and layout. */
import { findByName, formatHostsLine, renameEdit, type HostsEntry, type HostsFile } from '../config/hosts.js';
import { ipv4ToNumber, isIpv4, isLoopback } from '../config/net.js';
import { deleteLines, insertLines, type TextEdit } from '../config/source.js';

function numbered(name: string): { prefix: string; number: number } | undefined {
  const match = /^(.*?)(\d+)$/.exec(name);
  return match ? { prefix: match[1] ?? '', number: Number(match[2]) } : undefined;
}

const sameSlash24 = (a: string, b: string) =>
  isIpv4(a) && isIpv4(b) && a.slice(0, a.lastIndexOf('.')) === b.slice(0, b.lastIndexOf('.'));

/** The entry a new node's line follows: its predecessor by name number, else by address, else the last node. */
function anchorFor(hosts: HostsFile, address: string, name: string): HostsEntry | undefined {
  const nodes = hosts.entries.filter((entry) => !isLoopback(entry.address));
  const wanted = numbered(name);
  const byName = nodes
    .map((entry) => ({ entry, parts: numbered(entry.names[0] ?? '') }))
    .filter(({ parts }) => wanted && parts && parts.prefix === wanted.prefix && parts.number < wanted.number)
    .sort((a, b) => (a.parts?.number ?? 0) - (b.parts?.number ?? 0))
    .at(-1)?.entry;
  if (byName) return byName;
  const byAddress = nodes
    .filter(
      (entry) => sameSlash24(entry.address, address) && ipv4ToNumber(entry.address) < ipv4ToNumber(address),
    )
    .sort((a, b) => ipv4ToNumber(a.address) - ipv4ToNumber(b.address))
    .at(-1);
  return byAddress ?? nodes.at(-1);
}

export function addHostsEntry(hosts: HostsFile, address: string, name: string): TextEdit {
  const anchor = anchorFor(hosts, address, name);
  const line = formatHostsLine(hosts, anchor, address, [name]);
  return insertLines(hosts.lines, anchor?.line ?? hosts.lines.length, [line]);
}

/** Removes a node: its whole line when it is the line's canonical name, else just that alias. */
export function removeHostsName(hosts: HostsFile, name: string): TextEdit | undefined {
  const entry = findByName(hosts, name);
  if (!entry) return undefined;
  if (entry.names[0] === name) return deleteLines(hosts.lines, entry.line, entry.line);
  const edit = renameEdit(hosts, entry, name, '');
  const spaceBefore = /[ \t]+$/.exec(hosts.text.slice(0, edit.start))?.[0].length ?? 0;
  return { ...edit, start: edit.start - spaceBefore };
}
