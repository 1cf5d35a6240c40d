import type { SourceLocation } from '../config/diagnostic.js';

/** A value and the file and line it came from, so the UI can jump there. */
export interface Fact<T> {
  value: T;
  source: SourceLocation;
}

export function fact<T>(value: T, file: string, line: number, column = 1): Fact<T> {
  return { value, source: { file, line, column } };
}
