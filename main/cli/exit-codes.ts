export const EXIT_OK = 0;
/** Findings (validation errors) or a failed operation. */
export const EXIT_FAILURE = 1;
/** Usage or I/O error. */
export const EXIT_USAGE = 2;

/** A failure the CLI reports as one line on stderr with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
