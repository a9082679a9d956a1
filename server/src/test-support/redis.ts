import { randomUUID } from 'node:crypto';

/**
 * The Redis the tests use: `TRAVAUX_TEST_REDIS_URL`, which `server/scripts/with-services.sh` (run by `npm test`)
 * sets, or else the standard local one (127.0.0.1:6379).
 */
export const TEST_REDIS_URL = process.env.TRAVAUX_TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

/** A channel prefix of its own, so that tests running in parallel on one Redis never hear each other. */
export function testRedisPrefix(): string {
  return `travaux-test-${randomUUID()}:`;
}
