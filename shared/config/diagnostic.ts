import type { TextEdit } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where something is: a file (its gateway path) and a 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** An automatic fix: edits per file (gateway path), applied together. */
export interface Fix {
  title: string;
  edits: Record<string, TextEdit[]>;
}

export interface Diagnostic {
  /** Stable: scripts and the UI key on it (e.g. `hosts/invalid-address`, `cluster/duplicate-ip`). */
  code: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  /** Other places the finding concerns (the first duplicate, the copy that differs, …). */
  related?: SourceLocation[];
  fix?: Fix;
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
