/**
 * The image-writer worker: a separate process (elevated when the user lacks access to the
 * drive) that does one write. Its first stdin line is the one-time token main made; every
 * later line must be a ToWorker message carrying it, or the worker says "refused" and ends
 * without touching anything. Its replies carry the token too.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { describeIssues } from '../../../shared/ipc/errors.js';
import { ToWorkerSchema, type FromWorker } from '../../../shared/image/writer-protocol.js';
import { writeImage } from './write-image.js';

export const EXIT_REFUSED = 3;

function parse(line: string) {
  try {
    return ToWorkerSchema.safeParse(JSON.parse(line));
  } catch {
    return undefined;
  }
}

export async function runWorker(input: Readable, output: Writable): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const token = first.done === true ? '' : first.value.trim();
  const send = (message: FromWorker) => output.write(`${JSON.stringify(message)}\n`);
  if (token.length < 32) {
    send({ token: '', type: 'refused', reason: 'no token' });
    return EXIT_REFUSED;
  }
  const cancel = new AbortController();
  let job: Promise<number> | undefined;
  for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
    const parsed = parse(next.value);
    if (!parsed?.success || parsed.data.token !== token) {
      const reason = parsed?.success === false ? describeIssues(parsed.error) : 'wrong token or not JSON';
      send({
        token,
        type: 'refused',
        reason: `message refused: ${parsed?.success === true ? 'wrong token' : reason}`,
      });
      cancel.abort();
      await job;
      return EXIT_REFUSED;
    }
    const message = parsed.data;
    if (message.type === 'cancel') cancel.abort();
    else if (!job) {
      job = writeImage({
        request: message.request,
        signal: cancel.signal,
        onProgress: (progress) => send({ token, type: 'progress', progress }),
      }).then((outcome) => {
        send({ token, type: 'outcome', outcome });
        input.destroy();
        return 0;
      });
    }
  }
  // main went away: stop at the next block.
  cancel.abort();
  return (await job) ?? 0;
}
