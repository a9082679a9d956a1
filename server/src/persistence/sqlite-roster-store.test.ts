import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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

describe('SqliteRosterStore on a database made before the seat limits', () => {
  it('AC11, AC12: gains max_people and ended_at; old invitations have no limit and old persons no end', async () => {
    const db = new Database(':memory:');
    // The tables as the first release created them.
    db.exec(`
      CREATE TABLE negotiations (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY, negotiation_id TEXT NOT NULL REFERENCES negotiations (id),
        role TEXT NOT NULL, delegation TEXT, label TEXT,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT
      ) STRICT;
      CREATE TABLE persons (
        id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL REFERENCES invitations (id),
        name TEXT NOT NULL, created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO negotiations VALUES ('neg', 'N', '2024-01-01T00:00:00.000Z');
      INSERT INTO invitations VALUES ('inv', 'neg', 'delegate', 'USA', NULL,
        '2024-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', NULL);
      INSERT INTO persons VALUES ('p', 'inv', 'Ana', '2024-01-01T00:00:00.000Z');
    `);
    const store = new SqliteRosterStore(db);
    expect((await store.getInvitation('inv'))?.maxPeople).toBeNull();
    expect(await store.getPerson('p')).toEqual({
      id: 'p',
      invitationId: 'inv',
      name: 'Ana',
      createdAt: '2024-01-01T00:00:00.000Z',
      endedAt: null,
    });
    for (let i = 0; i < 10; i++) await store.createPerson('inv', `Guest ${i}`);
    expect(await store.listPersons('neg')).toHaveLength(11);
    // Opening it again changes nothing.
    new SqliteRosterStore(db);
    expect((await store.endPerson('p'))?.endedAt).not.toBeNull();
    db.close();
  });
});
