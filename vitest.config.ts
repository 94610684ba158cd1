import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Logic tests run in plain Node; a test file that renders or parses HTML asks for happy-dom in
    // its first line. A DOM per file costs ~1.5 s of setup, paid again per mutant under Stryker.
    environment: 'node',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['tests/unit/setup.ts'],
  },
});
