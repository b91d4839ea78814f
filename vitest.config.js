// vitest: the defaults, plus one PostgreSQL server per run for the PostgreSQL cases (test/setup/postgres-global.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/postgres-global.ts'],
  },
});
