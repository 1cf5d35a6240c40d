/**
 * The one way Clusterdeck builds shell commands: every argument quoted for a POSIX shell, so
 * node names, paths and values never reach a shell as syntax (`a;rm -rf /`, `$(id)`, quotes,
 * newlines all arrive as the literal text they are).
 */

const PLAIN = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** One argument, quoted only when it has to be. NUL cannot be passed to a program at all. */
export function shellQuote(argument: string): string {
  if (argument.includes('\0')) throw new RangeError('a shell argument cannot contain a NUL byte');
  if (PLAIN.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** A command line from its arguments: `shellCommand(['cat', path])`. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
