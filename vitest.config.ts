import { defineConfig } from 'vitest/config';

/**
 * Suites that use the lab (test/integration/lab/) share one simulated cluster, so they run one
 * file at a time and after everything else.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/*.test.ts'],
          // electron-store imports `electron`; inlined, it sees the tests' mocked module.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          include: ['test/integration/lab/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
