/** The CLI's view of its terminal, so commands can be run and tested alike. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Rewrites one live status line, where stderr is a terminal; '' clears it. */
  progress?: ((text: string) => void) | undefined;
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
};
