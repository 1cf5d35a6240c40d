import { z } from 'zod';

export const errorCodes = [
  'invalid-input',
  'invalid-output',
  'unknown-channel',
  'forbidden',
  'not-found',
  'io-error',
  /** The files changed since the user saw what would change: nothing was written. */
  'conflict',
  'cancelled',
  'internal',
] as const;

export const IpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;
export type IpcErrorCode = IpcError['code'];

/** Thrown by services; crosses every transport as plain data (`IpcError`). */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): IpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);

/** Describes zod issues in one line a person can read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
