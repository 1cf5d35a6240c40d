/** A value and the file and line it came from, so the UI can jump there. */
export interface Fact<T> {
  value: T;
  file: string;
  line: number;
}

export function fact<T>(value: T, file: string, line: number): Fact<T> {
  return { value, file, line };
}
