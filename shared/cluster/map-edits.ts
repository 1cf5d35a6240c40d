/** Minimal edits of an openMosix map when nodes come and go, keeping every other node's ID. */
import type { HostsFile } from '../config/hosts.js';
import { formatMapLine, MAX_MOSIX_ID, type MapEntry, type MosixMap } from '../config/mosix-map.js';
import { addToIpv4, ipv4ToNumber, isIpv4 } from '../config/net.js';
import { deleteLines, insertLines, replaceLine, type TextEdit } from '../config/source.js';
import { resolveMapHost } from './model.js';

type RangeEntry = MapEntry & { kind: 'range' };

function ranges(map: MosixMap): RangeEntry[] {
  return map.entries.flatMap((entry) => (entry.kind === 'range' ? [entry] : []));
}

/** The range entry covering `address`, and the address's position in it. */
export function coveringRange(map: MosixMap, hosts: HostsFile | undefined, address: string) {
  for (const entry of ranges(map)) {
    const first = resolveMapHost(entry, hosts);
    if (first === undefined || !isIpv4(address)) continue;
    const offset = ipv4ToNumber(address) - ipv4ToNumber(first);
    if (offset >= 0 && offset < entry.count) return { entry, first, offset };
  }
  return undefined;
}

export function usedIds(map: MosixMap): Set<number> {
  const ids = new Set<number>();
  for (const entry of ranges(map)) for (let i = 0; i < entry.count; i++) ids.add(entry.id + i);
  return ids;
}

export function nextFreeId(map: MosixMap): number | undefined {
  const used = usedIds(map);
  for (let id = Math.max(0, ...used) + 1; id <= MAX_MOSIX_ID; id++) if (!used.has(id)) return id;
  for (let id = 1; id <= MAX_MOSIX_ID; id++) if (!used.has(id)) return id;
  return undefined;
}

/** Replaces the count field of a range line. */
function setCount(map: MosixMap, entry: RangeEntry, count: number): TextEdit {
  const line = map.lines[entry.line - 1];
  const start = (line?.start ?? 0) + entry.columns[2];
  return { start, end: start + String(entry.count).length, replacement: String(count) };
}

/** Gives `address` the openMosix ID `id`: extends the range it continues, or adds a line. */
export function addToMap(
  map: MosixMap,
  hosts: HostsFile | undefined,
  address: string,
  id: number,
): TextEdit[] {
  for (const entry of ranges(map)) {
    const first = resolveMapHost(entry, hosts);
    const continues =
      first !== undefined && addToIpv4(first, entry.count) === address && entry.id + entry.count === id;
    if (continues && isIpv4(entry.host)) return [setCount(map, entry, entry.count + 1)];
  }
  const template = map.entries.at(-1);
  const line = formatMapLine(map, template, [String(id), address, '1']);
  return [insertLines(map.lines, template?.line ?? map.lines.length, [line])];
}

/** Takes `address` out of the map, splitting its range so the other nodes keep their IDs. */
export function removeFromMap(
  map: MosixMap,
  hosts: HostsFile | undefined,
  address: string,
): TextEdit[] | string {
  const covering = coveringRange(map, hosts, address);
  if (!covering) return [];
  const { entry, offset } = covering;
  if (entry.count === 1) return [deleteLines(map.lines, entry.line, entry.line)];
  if (offset === entry.count - 1) return [setCount(map, entry, entry.count - 1)];
  if (!isIpv4(entry.host)) {
    return `line ${entry.line} of ${map.file} names its range by host name (${entry.host}); take ${address} out of it by hand`;
  }
  const text = map.lines[entry.line - 1]?.text ?? '';
  const after = formatMapLine(map, entry, [
    String(entry.id + offset + 1),
    addToIpv4(address, 1) ?? '',
    String(entry.count - offset - 1),
  ]);
  if (offset === 0) return [replaceLine(map.lines, entry.line, after)];
  const before = `${text.slice(0, entry.columns[2])}${offset}`;
  return [replaceLine(map.lines, entry.line, before), insertLines(map.lines, entry.line, [after])];
}
