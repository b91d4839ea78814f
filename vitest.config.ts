import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Adapter tests start real Bolt and discord.js clients against local fakes; give them room.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
