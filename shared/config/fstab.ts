/** A client root's `fstab`: `spec file vfstype options [dump [pass]]`; `#` comments. */
import type { Diagnostic } from './diagnostic.js';
import { splitLines, type SourceLine } from './source.js';

export interface FstabEntry {
  line: number;
  spec: string;
  mountPoint: string;
  type: string;
  options: string;
}

export interface Fstab {
  file: string;
  text: string;
  lines: SourceLine[];
  entries: FstabEntry[];
  diagnostics: Diagnostic[];
}

export function parseFstab(text: string, file: string): Fstab {
  const lines = splitLines(text);
  const diagnostics: Diagnostic[] = [];
  const entries: FstabEntry[] = [];
  for (const line of lines) {
    const hash = line.text.indexOf('#');
    const fields = (hash === -1 ? line.text : line.text.slice(0, hash)).trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    const [spec = '', mountPoint = '', type = '', options = 'defaults'] = fields;
    if (fields.length < 3 || fields.length > 6) {
      diagnostics.push({
        code: 'fstab/syntax',
        severity: 'error',
        message: `expected 3 to 6 fields (device, mount point, type, options, dump, pass), found ${fields.length}`,
        location: { file, line: line.number, column: 1 },
      });
      continue;
    }
    entries.push({ line: line.number, spec, mountPoint, type, options });
  }
  return { file, text, lines, entries, diagnostics };
}
