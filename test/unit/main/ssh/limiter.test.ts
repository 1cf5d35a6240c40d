import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, Limiter } from '../../../../main/ssh/limiter.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Limiter', () => {
  it('lets `limit` holders in and queues the rest in order', async () => {
    const limiter = new Limiter(2);
    const entered: number[] = [];
    const holders = [1, 2, 3, 4].map((n) => limiter.acquire().then(() => entered.push(n)));
    await tick();
    expect(entered).toEqual([1, 2]);
    expect(limiter.queued).toBe(2);
    limiter.release();
    await tick();
    expect(entered).toEqual([1, 2, 3]);
    limiter.release();
    limiter.release();
    limiter.release();
    await Promise.all(holders);
    expect(limiter.running).toBe(0);
    expect(() => limiter.release()).toThrow('not held');
  });

  it('never runs more than its limit at once, whatever the tasks do', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 40 }),
        async (limit, tasks) => {
          const limiter = new Limiter(limit);
          let running = 0;
          let most = 0;
          const results = await Promise.allSettled(
            tasks.map(([delay, fails]) =>
              limiter.run(async () => {
                most = Math.max(most, ++running);
                await new Promise((resolve) => setTimeout(resolve, delay));
                running--;
                if (fails) throw new Error('task failed');
              }),
            ),
          );
          expect(most).toBeLessThanOrEqual(limit);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(
            tasks.filter(([, fails]) => !fails).length,
          );
          expect(limiter.running).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('fails every waiter when its connection is gone', async () => {
    const limiter = new Limiter(1);
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.rejectAll(new Error('the connection closed'));
    await expect(waiting).rejects.toThrow('the connection closed');
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial wait up to the cap, jitter within its bounds', () => {
    const plain = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, plain, 0.5))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 8000,
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (n, r) => {
          const delay = backoffDelay(n, DEFAULT_BACKOFF, r);
          const base = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.initialMs * 2 ** n);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
        },
      ),
    );
  });
});
