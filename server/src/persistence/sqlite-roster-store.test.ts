import Database from 'better-sqlite3';
import { runRevisionStoreContract } from './revision-store.contract.ts';
import { SqliteRevisionStore } from './revision-store.ts';
import { runRosterStoreContract } from './roster-store.contract.ts';
import { SqliteRosterStore } from './sqlite-roster-store.ts';

// A private in-memory database per test: the contracts expect empty stores.
runRosterStoreContract('sqlite', async (clock) => {
  const db = new Database(':memory:');
  return { store: new SqliteRosterStore(db, clock), close: async () => void db.close() };
});

runRevisionStoreContract('sqlite', async () => {
  const db = new Database(':memory:');
  return { store: new SqliteRevisionStore(db), close: async () => void db.close() };
});
