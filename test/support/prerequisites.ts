/**
 * A suite whose prerequisites are missing skips and says what to install; under CI=true the
 * same gap is a failure, so nothing is skipped silently where it should run.
 */
export const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

export class MissingPrerequisite extends Error {
  constructor(what: string, install: string) {
    super(`${what} is missing; install it with: ${install}`);
    this.name = 'MissingPrerequisite';
  }
}

/** Returns the message to skip with, or throws under CI. */
export function skipReason(missing: MissingPrerequisite | undefined): string | undefined {
  if (missing && inCi) throw missing;
  return missing?.message;
}
