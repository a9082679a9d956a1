import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package's unit and integration tests (see README, "Tests").
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client'],
  },
});
