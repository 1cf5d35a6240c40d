/**
 * Messages between main and the image-writer worker, one JSON object per line. The worker
 * reads a one-time token as its first line; every message after it, both ways, carries that
 * token and is checked against these schemas, or refused.
 */
import { z } from 'zod';

export const WriteRequestSchema = z.object({
  source: z.string().min(1),
  /** A block device path or an image file. */
  target: z.string().min(1),
  verify: z.boolean(),
  /** The target's size the caller checked; the worker checks again against the device. */
  expectedTargetBytes: z.number().int().nonnegative().optional(),
});
export type WriteRequest = z.infer<typeof WriteRequestSchema>;

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ token: z.string(), type: z.literal('write'), request: WriteRequestSchema }),
  z.object({ token: z.string(), type: z.literal('cancel') }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const WritePhaseSchema = z.enum(['preparing', 'writing', 'syncing', 'verifying']);
export type WritePhase = z.infer<typeof WritePhaseSchema>;

export const WriteProgressSchema = z.object({
  phase: WritePhaseSchema,
  bytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  /** Undefined until the speed is known. */
  etaSeconds: z.number().nonnegative().optional(),
});
export type WriteProgress = z.infer<typeof WriteProgressSchema>;

export const MismatchSchema = z.object({ offset: z.number().int(), length: z.number().int() });

export const WriteOutcomeSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('verified'), bytes: z.number(), seconds: z.number() }),
  z.object({ state: z.literal('written'), bytes: z.number(), seconds: z.number() }),
  z.object({ state: z.literal('mismatch'), bytes: z.number(), firstMismatch: MismatchSchema }),
  z.object({ state: z.literal('cancelled'), bytesWritten: z.number(), message: z.string() }),
  z.object({ state: z.literal('failed'), message: z.string() }),
]);
export type WriteOutcome = z.infer<typeof WriteOutcomeSchema>;

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ token: z.string(), type: z.literal('progress'), progress: WriteProgressSchema }),
  z.object({ token: z.string(), type: z.literal('outcome'), outcome: WriteOutcomeSchema }),
  /** A message the worker would not act on (bad token or shape); it ends after saying so. */
  z.object({ token: z.string(), type: z.literal('refused'), reason: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/** At most this many progress messages a second. */
export const PROGRESS_PER_SECOND = 10;
