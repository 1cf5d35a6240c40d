/**
 * The openMosix node map (`/etc/mosix.map`, `openmosix.map`, `hpc.map`; grammar of setpe(1)):
 * `first-ID address-or-host count` maps IDs first…first+count−1 to consecutive addresses;
 * `ID address ALIAS` adds another address of a node that joins networks. `#` comments and
 * blank lines are allowed; IDs run 1–65535; at most 256 entry lines.
 */
import type { Diagnostic } from './diagnostic.js';
import { splitLines, type SourceLine } from './source.js';

export const MAX_MOSIX_ID = 65535;
export const MAX_MAP_LINES = 256;

export interface MapEntryBase {
  line: number;
  id: number;
  /** An address or a host name (resolved through /etc/hosts). */
  host: string;
  /** 0-based columns of the three fields, for minimal edits. */
  columns: [number, number, number];
}

export type MapEntry = (MapEntryBase & { kind: 'range'; count: number }) | (MapEntryBase & { kind: 'alias' });

export interface MosixMap {
  file: string;
  text: string;
  lines: SourceLine[];
  entries: MapEntry[];
  diagnostics: Diagnostic[];
}

const WHOLE_NUMBER = /^\d+$/;

function parseEntry(file: string, line: SourceLine, diagnostics: Diagnostic[]): MapEntry | undefined {
  const hash = line.text.indexOf('#');
  const fields = [...(hash === -1 ? line.text : line.text.slice(0, hash)).matchAll(/\S+/g)];
  if (fields.length === 0) return undefined;
  const problem = (column: number, message: string, code = 'map/syntax') => {
    diagnostics.push({
      code,
      severity: 'error',
      message,
      location: { file, line: line.number, column: column + 1 },
    });
    return undefined;
  };
  const [idField, hostField, countField, extra] = fields;
  if (!idField || !hostField || !countField) {
    return problem(
      idField?.index ?? 0,
      'expected three fields: first-ID, address or host name, and a count or ALIAS',
    );
  }
  if (extra) return problem(extra.index, `unexpected '${extra[0]}' after the count`);
  if (!WHOLE_NUMBER.test(idField[0]))
    return problem(idField.index, `the node ID '${idField[0]}' is not a number`);
  const id = Number(idField[0]);
  if (id < 1 || id > MAX_MOSIX_ID) {
    return problem(idField.index, `node ID ${id} is outside 1–${MAX_MOSIX_ID}`, 'map/id-out-of-range');
  }
  const base = {
    line: line.number,
    id,
    host: hostField[0],
    columns: [idField.index, hostField.index, countField.index] as [number, number, number],
  };
  if (countField[0] === 'ALIAS') return { ...base, kind: 'alias' };
  if (!WHOLE_NUMBER.test(countField[0]) || Number(countField[0]) < 1) {
    return problem(
      countField.index,
      `the count '${countField[0]}' is not a number of nodes (1 or more) or ALIAS`,
    );
  }
  const count = Number(countField[0]);
  if (id + count - 1 > MAX_MOSIX_ID) {
    const message = `IDs ${id}–${id + count - 1} run past ${MAX_MOSIX_ID}`;
    return problem(countField.index, message, 'map/id-out-of-range');
  }
  return { ...base, kind: 'range', count };
}

export function parseMosixMap(text: string, file: string): MosixMap {
  const lines = splitLines(text);
  const diagnostics: Diagnostic[] = [];
  const entries: MapEntry[] = [];
  for (const line of lines) {
    const entry = parseEntry(file, line, diagnostics);
    if (entry) entries.push(entry);
  }
  const tooMany = entries[MAX_MAP_LINES];
  if (tooMany) {
    diagnostics.push({
      code: 'map/too-many-lines',
      severity: 'error',
      message: `${entries.length} entry lines; openMosix reads at most ${MAX_MAP_LINES}`,
      location: { file, line: tooMany.line, column: 1 },
    });
  }
  return { file, text, lines, entries, diagnostics };
}

/** A new entry's line in the layout of `template` (its indentation and the white space between fields). */
export function formatMapLine(
  map: MosixMap,
  template: MapEntry | undefined,
  fields: [string, string, string],
): string {
  if (!template) return fields.join(' ');
  const text = map.lines[template.line - 1]?.text ?? '';
  const [idColumn, hostColumn, countColumn] = template.columns;
  const idEnd = idColumn + String(template.id).length;
  const hostEnd = hostColumn + template.host.length;
  const padTo = (gap: string, column: number, written: number) =>
    /^ {2,}$/.test(gap) ? ' '.repeat(Math.max(1, column - written)) : gap;
  const firstGap = padTo(text.slice(idEnd, hostColumn), hostColumn, idColumn + fields[0].length);
  const secondGap = padTo(
    text.slice(hostEnd, countColumn),
    countColumn,
    idColumn + fields[0].length + firstGap.length + fields[1].length,
  );
  return `${text.slice(0, idColumn)}${fields[0]}${firstGap}${fields[1]}${secondGap}${fields[2]}`;
}
