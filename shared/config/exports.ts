/**
 * `/etc/exports` (exports(5)): `path [-defaults] client(options) client(options) …`, with `\`
 * continuation lines, quoted paths, and `#` comments.
 */
import type { Diagnostic } from './diagnostic.js';
import { splitLines, type SourceLine } from './source.js';

export interface ExportClient {
  /** Host, network (`192.168.0.0/255.255.255.0`, `/24`), wildcard, `@netgroup`, or `*` when empty. */
  host: string;
  options: string[];
}

export interface ExportEntry {
  line: number;
  lastLine: number;
  path: string;
  defaults: string[];
  clients: ExportClient[];
}

export interface ExportsFile {
  file: string;
  text: string;
  lines: SourceLine[];
  entries: ExportEntry[];
  diagnostics: Diagnostic[];
}

/** Joins continuation lines into logical lines, remembering where each started. */
function logicalLines(lines: readonly SourceLine[]): Array<{ first: number; last: number; text: string }> {
  const logical: Array<{ first: number; last: number; text: string }> = [];
  let pending: { first: number; last: number; text: string } | undefined;
  for (const line of lines) {
    const continued = line.text.endsWith('\\');
    const text = continued ? line.text.slice(0, -1) : line.text;
    pending = pending
      ? { ...pending, last: line.number, text: `${pending.text} ${text}` }
      : { first: line.number, last: line.number, text };
    if (!continued) {
      logical.push(pending);
      pending = undefined;
    }
  }
  if (pending) logical.push(pending);
  return logical;
}

/** Splits at white space outside quotes; a quoted path keeps its spaces. */
function words(text: string): Array<{ word: string; column: number }> {
  const found: Array<{ word: string; column: number }> = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    found.push({ word: match[1] ?? match[2] ?? '', column: match.index });
  }
  return found;
}

function parseClient(word: string): ExportClient | undefined {
  const open = word.indexOf('(');
  if (open === -1) return { host: word, options: [] };
  if (!word.endsWith(')') || word.indexOf('(', open + 1) !== -1) return undefined;
  const options = word
    .slice(open + 1, -1)
    .split(',')
    .filter((option) => option.length > 0);
  return { host: word.slice(0, open) || '*', options };
}

function parseEntry(
  file: string,
  logical: { first: number; last: number; text: string },
  diagnostics: Diagnostic[],
) {
  const hash = logical.text.indexOf('#');
  const [pathWord, ...rest] = words(hash === -1 ? logical.text : logical.text.slice(0, hash));
  if (!pathWord) return undefined;
  const at = (column: number) => ({ file, line: logical.first, column: column + 1 });
  if (!pathWord.word.startsWith('/')) {
    diagnostics.push({
      code: 'exports/syntax',
      severity: 'error',
      message: `an export must start with an absolute path, not '${pathWord.word}'`,
      location: at(pathWord.column),
    });
    return undefined;
  }
  const entry: ExportEntry = {
    line: logical.first,
    lastLine: logical.last,
    path: pathWord.word,
    defaults: [],
    clients: [],
  };
  for (const { word, column } of rest) {
    if (word.startsWith('-')) {
      entry.defaults.push(...word.slice(1).split(','));
      continue;
    }
    const client = parseClient(word);
    if (!client) {
      diagnostics.push({
        code: 'exports/syntax',
        severity: 'error',
        message: `cannot read '${word}'`,
        location: at(column),
      });
      continue;
    }
    if (word.startsWith('(') && entry.clients.length > 0) {
      diagnostics.push({
        code: 'exports/space-before-options',
        severity: 'warning',
        message: `a space before '${word}' gives these options to every host, not to '${entry.clients.at(-1)?.host ?? ''}'`,
        location: at(column),
      });
    }
    entry.clients.push(client);
  }
  return entry;
}

export function parseExports(text: string, file: string): ExportsFile {
  const lines = splitLines(text);
  const diagnostics: Diagnostic[] = [];
  const entries: ExportEntry[] = [];
  for (const logical of logicalLines(lines)) {
    const entry = parseEntry(file, logical, diagnostics);
    if (entry) entries.push(entry);
  }
  return { file, text, lines, entries, diagnostics };
}
