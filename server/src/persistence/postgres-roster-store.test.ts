import { openTestPostgres } from '../test-support/postgres.ts';
import { PostgresRevisionStore } from './postgres-revision-store.ts';
import { PostgresRosterStore } from './postgres-roster-store.ts';
import { runRevisionStoreContract } from './revision-store.contract.ts';
import { runRosterStoreContract } from './roster-store.contract.ts';

// A schema of its own per test, dropped afterwards: the contracts expect empty stores.
runRosterStoreContract('postgres', async (clock) => {
  const { pool, schema } = await openTestPostgres();
  return {
    store: new PostgresRosterStore(pool, clock),
    close: async () => {
      await pool.end();
      await schema.drop();
    },
  };
});

runRevisionStoreContract('postgres', async () => {
  const { pool, schema } = await openTestPostgres();
  return {
    store: new PostgresRevisionStore(pool),
    close: async () => {
      await pool.end();
      await schema.drop();
    },
  };
});
