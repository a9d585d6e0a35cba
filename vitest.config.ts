import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Browser tests start Chromium; keep CPU for them on a 2-core machine.
    maxWorkers: 2,
  },
});
