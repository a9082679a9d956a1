import { randomUUID } from 'node:crypto';
import type { DelegationId, DocumentId } from '@travaux/shared';
import type Database from 'better-sqlite3';
import type {
  AuditAction,
  AuditActor,
  AuditEntry,
  ClaimResult,
  Invitation,
  Negotiation,
  Person,
  RosterStore,
  UpdateProvenance,
} from './roster-store.ts';
import {
  type AuditRow,
  auditValues,
  type InvitationRow,
  invitationValues,
  toAuditEntry,
  toInvitation,
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
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT
  ) STRICT;
  CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL REFERENCES invitations (id),
    name TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS negotiation_documents (
    document_id TEXT PRIMARY KEY, negotiation_id TEXT NOT NULL REFERENCES negotiations (id)
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
      `INSERT INTO invitations (id, negotiation_id, role, delegation, label, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
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
    const person: Person = { id: randomUUID(), invitationId, name, createdAt: this.now().toISOString() };
    this.prepare('INSERT INTO persons (id, invitation_id, name, created_at) VALUES (?, ?, ?, ?)').run(
      person.id,
      invitationId,
      name,
      person.createdAt,
    );
    return person;
  }

  async getPerson(id: string): Promise<Person | null> {
    const row = this.prepare<
      [string],
      { id: string; invitation_id: string; name: string; created_at: string }
    >('SELECT * FROM persons WHERE id = ?').get(id);
    return row
      ? { id: row.id, invitationId: row.invitation_id, name: row.name, createdAt: row.created_at }
      : null;
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

  async readAudit(negotiationId: string, after: number, limit: number): Promise<AuditEntry[]> {
    return this.prepare<[string, number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE negotiation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    )
      .all(negotiationId, after, limit)
      .map((row) => toAuditEntry(negotiationId, row));
  }

  async revokedSince(since: string): Promise<{ id: string; revokedAt: string }[]> {
    return this.prepare<[string], { id: string; revoked_at: string }>(
      'SELECT id, revoked_at FROM invitations WHERE revoked_at IS NOT NULL AND revoked_at >= ?',
    )
      .all(since)
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
