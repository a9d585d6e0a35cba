import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Browser tests start Chromium; keep CPU for them on a 2-core machine.
    maxWorkers: 2,
    // expect.poll waits for the browser or a live frame; 1 s (the default) is too short on a
    // 2-core machine running two suites at once.
    expect: { poll: { timeout: 10_000 } },
  },
});
