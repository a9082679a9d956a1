import { randomUUID } from 'node:crypto';
import type { DelegationId, DocumentId } from '@travaux/shared';
import type Database from 'better-sqlite3';
import {
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditFilter,
  type ClaimResult,
  type DocumentPlacement,
  type Invitation,
  InvitationFullError,
  type Negotiation,
  type Person,
  type RosterStore,
  type UpdateProvenance,
} from './roster-store.ts';
import {
  type AuditRow,
  auditFilterSql,
  auditValues,
  type InvitationRow,
  invitationValues,
  type PersonRow,
  type PlacementRow,
  toAuditEntry,
  toInvitation,
  toPerson,
  toPlacement,
} from './rows.ts';
import { type Prepare, statementCache } from './statement-cache.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS negotiations (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS invitations (
    id TEXT PRIMARY KEY,
    negotiation_id TEXT NOT NULL REFERENCES negotiations (id),
    role TEXT NOT NULL, delegation TEXT, label TEXT,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT, max_people INTEGER
  ) STRICT;
  CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL REFERENCES invitations (id),
    name TEXT NOT NULL, created_at TEXT NOT NULL, ended_at TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS persons_by_invitation ON persons (invitation_id);
  CREATE TABLE IF NOT EXISTS negotiation_documents (
    document_id TEXT PRIMARY KEY, negotiation_id TEXT NOT NULL REFERENCES negotiations (id),
    archived_at TEXT, released INTEGER NOT NULL DEFAULT 1
  ) STRICT;
  CREATE INDEX IF NOT EXISTS documents_by_negotiation ON negotiation_documents (negotiation_id);
  CREATE TABLE IF NOT EXISTS client_claims (
    document_id TEXT NOT NULL, client_id INTEGER NOT NULL, person_id TEXT NOT NULL, claimed_at TEXT NOT NULL,
    PRIMARY KEY (document_id, client_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS update_provenance (
    document_id TEXT NOT NULL, seq INTEGER NOT NULL, person_id TEXT NOT NULL, delegation TEXT,
    client_ids TEXT NOT NULL, PRIMARY KEY (document_id, seq, person_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, negotiation_id TEXT NOT NULL, at TEXT NOT NULL,
    person_id TEXT, name TEXT, role TEXT, delegation TEXT, action TEXT NOT NULL, detail TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS audit_by_negotiation ON audit_log (negotiation_id, seq);
  CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

/** Columns added after the first release: a database made before them gains them (nullable, so old rows read as before). */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'invitations', column: 'max_people', type: 'INTEGER' },
  { table: 'persons', column: 'ended_at', type: 'TEXT' },
  { table: 'negotiation_documents', column: 'archived_at', type: 'TEXT' },
  { table: 'negotiation_documents', column: 'released', type: 'INTEGER NOT NULL DEFAULT 1' },
];

function addMissingColumns(db: Database.Database): void {
  for (const { table, column, type } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    // A new database: the table is created by SCHEMA with every column.
    if (columns.length === 0 || columns.some((c) => c.name === column)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

/**
 * The SQLite `RosterStore`. It shares the server's database file (an open better-sqlite3 handle) with the
 * document store, so a CLI can run beside a live server (WAL, busy timeout). All roster SQL lives here.
 */
export class SqliteRosterStore implements RosterStore {
  private readonly claimTransaction;
  /** Every commit of every document records its provenance: compiled once. */
  private readonly provenanceTransaction;
  private readonly prepare: Prepare;

  constructor(
    db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    addMissingColumns(db);
    db.exec(SCHEMA);
    this.prepare = statementCache(db);
    this.provenanceTransaction = db.transaction((entries: readonly UpdateProvenance[]) => {
      const insert = this.prepare(
        'INSERT OR REPLACE INTO update_provenance (document_id, seq, person_id, delegation, client_ids) VALUES (?, ?, ?, ?, ?)',
      );
      for (const e of entries)
        insert.run(e.documentId, e.seq, e.personId, e.delegation, JSON.stringify(e.clientIds));
    });
    this.claimTransaction = db.transaction(
      (documentId: string, clientIds: readonly number[], personId: string) => {
        const owner = this.prepare<[string, number], { person_id: string }>(
          'SELECT person_id FROM client_claims WHERE document_id = ? AND client_id = ?',
        );
        for (const clientId of clientIds) {
          const row = owner.get(documentId, clientId);
          if (row && row.person_id !== personId)
            return { ok: false as const, clientId, ownedBy: row.person_id };
        }
        const insert = this.prepare(
          'INSERT OR IGNORE INTO client_claims (document_id, client_id, person_id, claimed_at) VALUES (?, ?, ?, ?)',
        );
        const at = this.now().toISOString();
        for (const clientId of clientIds) insert.run(documentId, clientId, personId, at);
        return { ok: true as const };
      },
    );
  }

  async createNegotiation(title: string, id: string = randomUUID()): Promise<Negotiation> {
    const negotiation = { id, title, createdAt: this.now().toISOString() };
    this.prepare('INSERT INTO negotiations (id, title, created_at) VALUES (?, ?, ?)').run(
      id,
      title,
      negotiation.createdAt,
    );
    return negotiation;
  }

  async getNegotiation(id: string): Promise<Negotiation | null> {
    const row = this.prepare<[string], { id: string; title: string; created_at: string }>(
      'SELECT * FROM negotiations WHERE id = ?',
    ).get(id);
    return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
  }

  async createInvitation(input: Omit<Invitation, 'id' | 'createdAt' | 'revokedAt'>): Promise<Invitation> {
    const invitation: Invitation = {
      ...input,
      id: randomUUID(),
      createdAt: this.now().toISOString(),
      revokedAt: null,
    };
    this.prepare(
      `INSERT INTO invitations (id, negotiation_id, role, delegation, label, created_at, expires_at, max_people)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...invitationValues(invitation));
    return invitation;
  }

  async getInvitation(id: string): Promise<Invitation | null> {
    const row = this.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE id = ?').get(id);
    return row ? toInvitation(row) : null;
  }

  async listInvitations(negotiationId: string): Promise<Invitation[]> {
    return this.prepare<[string], InvitationRow>(
      'SELECT * FROM invitations WHERE negotiation_id = ? ORDER BY created_at, rowid',
    )
      .all(negotiationId)
      .map(toInvitation);
  }

  async revokeInvitation(id: string): Promise<Invitation | null> {
    this.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
      this.now().toISOString(),
      id,
    );
    return this.getInvitation(id);
  }

  async createPerson(invitationId: string, name: string): Promise<Person> {
    const person: Person = {
      id: randomUUID(),
      invitationId,
      name,
      createdAt: this.now().toISOString(),
      endedAt: null,
    };
    // One statement, so the count and the insert cannot interleave with another sign-in.
    const inserted = this.prepare(
      `INSERT INTO persons (id, invitation_id, name, created_at)
         SELECT ?, ?, ?, ? FROM invitations i WHERE i.id = ?
           AND (i.max_people IS NULL OR (SELECT count(*) FROM persons WHERE invitation_id = i.id) < i.max_people)`,
    ).run(person.id, invitationId, name, person.createdAt, invitationId);
    if (inserted.changes === 0) {
      if (!(await this.getInvitation(invitationId))) throw new Error(`unknown invitation ${invitationId}`);
      throw new InvitationFullError(invitationId);
    }
    return person;
  }

  async getPerson(id: string): Promise<Person | null> {
    const row = this.prepare<[string], PersonRow>('SELECT * FROM persons WHERE id = ?').get(id);
    return row ? toPerson(row) : null;
  }

  async listPersons(negotiationId: string): Promise<Person[]> {
    return this.prepare<[string], PersonRow>(
      `SELECT p.* FROM persons p JOIN invitations i ON i.id = p.invitation_id
         WHERE i.negotiation_id = ? ORDER BY p.created_at, p.rowid`,
    )
      .all(negotiationId)
      .map(toPerson);
  }

  async endPerson(id: string): Promise<Person | null> {
    this.prepare('UPDATE persons SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(
      this.now().toISOString(),
      id,
    );
    return this.getPerson(id);
  }

  async assignDocument(documentId: DocumentId, negotiationId: string): Promise<void> {
    this.prepare('INSERT INTO negotiation_documents (document_id, negotiation_id) VALUES (?, ?)').run(
      documentId,
      negotiationId,
    );
  }

  async negotiationOf(documentId: DocumentId): Promise<string | null> {
    const row = this.prepare<[string], { negotiation_id: string }>(
      'SELECT negotiation_id FROM negotiation_documents WHERE document_id = ?',
    ).get(documentId);
    return row?.negotiation_id ?? null;
  }

  async documentsOf(negotiationId: string): Promise<DocumentId[]> {
    return this.prepare<[string], { document_id: string }>(
      'SELECT document_id FROM negotiation_documents WHERE negotiation_id = ?',
    )
      .all(negotiationId)
      .map((row) => row.document_id as DocumentId);
  }

  async placementOf(documentId: DocumentId): Promise<DocumentPlacement | null> {
    const row = this.prepare<[string], PlacementRow>(
      'SELECT * FROM negotiation_documents WHERE document_id = ?',
    ).get(documentId);
    return row ? toPlacement(row) : null;
  }

  async placementsOf(negotiationId: string): Promise<DocumentPlacement[]> {
    return this.prepare<[string], PlacementRow>(
      'SELECT * FROM negotiation_documents WHERE negotiation_id = ?',
    )
      .all(negotiationId)
      .map(toPlacement);
  }

  async setPlacement(
    documentId: DocumentId,
    change: { readonly archivedAt?: string | null; readonly released?: boolean },
  ): Promise<DocumentPlacement | null> {
    if (change.archivedAt !== undefined) {
      this.prepare('UPDATE negotiation_documents SET archived_at = ? WHERE document_id = ?').run(
        change.archivedAt,
        documentId,
      );
    }
    if (change.released !== undefined) {
      this.prepare('UPDATE negotiation_documents SET released = ? WHERE document_id = ?').run(
        change.released ? 1 : 0,
        documentId,
      );
    }
    return this.placementOf(documentId);
  }

  async claimClientIds(
    documentId: DocumentId,
    clientIds: readonly number[],
    personId: string,
  ): Promise<ClaimResult> {
    return this.claimTransaction(documentId, clientIds, personId);
  }

  async clientIdOwners(documentId: DocumentId): Promise<Map<number, string>> {
    const rows = this.prepare<[string], { client_id: number; person_id: string }>(
      'SELECT client_id, person_id FROM client_claims WHERE document_id = ?',
    ).all(documentId);
    return new Map(rows.map((row) => [row.client_id, row.person_id]));
  }

  async recordProvenance(entries: readonly UpdateProvenance[]): Promise<void> {
    this.provenanceTransaction(entries);
  }

  async provenance(documentId: DocumentId): Promise<UpdateProvenance[]> {
    return this.prepare<
      [string],
      { seq: number; person_id: string; delegation: string | null; client_ids: string }
    >(
      'SELECT seq, person_id, delegation, client_ids FROM update_provenance WHERE document_id = ? ORDER BY seq',
    )
      .all(documentId)
      .map((row) => ({
        documentId,
        seq: row.seq,
        personId: row.person_id,
        delegation: row.delegation as DelegationId | null,
        clientIds: JSON.parse(row.client_ids) as number[],
      }));
  }

  async audit(
    negotiationId: string,
    actor: AuditActor,
    action: AuditAction,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    this.prepare(
      `INSERT INTO audit_log (negotiation_id, at, person_id, name, role, delegation, action, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...auditValues(negotiationId, this.now().toISOString(), actor, action, detail));
  }

  async readAudit(
    negotiationId: string,
    after: number,
    limit: number,
    filter?: AuditFilter,
  ): Promise<AuditEntry[]> {
    const where = auditFilterSql(filter, () => '?', 0);
    return this.prepare<unknown[], AuditRow>(
      `SELECT * FROM audit_log WHERE negotiation_id = ? AND seq > ?${where.sql} ORDER BY seq LIMIT ?`,
    )
      .all(negotiationId, after, ...where.values, limit)
      .map((row) => toAuditEntry(negotiationId, row));
  }

  async revokedSince(since: string): Promise<{ id: string; revokedAt: string }[]> {
    return this.prepare<[string, string], { id: string; revoked_at: string }>(
      `SELECT id, revoked_at FROM invitations WHERE revoked_at IS NOT NULL AND revoked_at >= ?
       UNION ALL SELECT id, ended_at FROM persons WHERE ended_at IS NOT NULL AND ended_at >= ?`,
    )
      .all(since, since)
      .map((row) => ({ id: row.id, revokedAt: row.revoked_at }));
  }

  async getSetting(key: string): Promise<string | null> {
    return (
      this.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value ??
      null
    );
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  }
}
