import { randomUUID } from 'node:crypto';
import type { DelegationId, DocumentId } from '@travaux/shared';
import type pg from 'pg';
import { inTransaction } from './postgres-database.ts';
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
  isoOf,
  type PersonRow,
  type PlacementRow,
  toAuditEntry,
  toInvitation,
  toPerson,
  toPlacement,
} from './rows.ts';

const INVITATION_COLUMNS =
  'id, negotiation_id, role, delegation, label, created_at, expires_at, revoked_at, max_people';
const PERSON_COLUMNS = 'id, invitation_id, name, created_at, ended_at';
const PLACEMENT_COLUMNS = 'document_id, negotiation_id, archived_at, released';

/**
 * The PostgreSQL `RosterStore`, on the pool the document store uses: every node of a deployment reads and
 * writes the same roster, so a link, a session or a revocation made on one node holds on all of them.
 */
export class PostgresRosterStore implements RosterStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createNegotiation(title: string, id: string = randomUUID()): Promise<Negotiation> {
    const at = this.now();
    await this.pool.query('INSERT INTO negotiations (id, title, created_at) VALUES ($1, $2, $3)', [
      id,
      title,
      at,
    ]);
    return { id, title, createdAt: isoOf(at) };
  }

  async getNegotiation(id: string): Promise<Negotiation | null> {
    const { rows } = await this.pool.query<{ id: string; title: string; created_at: Date }>(
      'SELECT id, title, created_at FROM negotiations WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, title: row.title, createdAt: isoOf(row.created_at) } : null;
  }

  async createInvitation(input: Omit<Invitation, 'id' | 'createdAt' | 'revokedAt'>): Promise<Invitation> {
    const invitation: Invitation = {
      ...input,
      id: randomUUID(),
      createdAt: this.now().toISOString(),
      revokedAt: null,
    };
    await this.pool.query(
      `INSERT INTO invitations (id, negotiation_id, role, delegation, label, created_at, expires_at, max_people)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      invitationValues(invitation),
    );
    return invitation;
  }

  async getInvitation(id: string): Promise<Invitation | null> {
    const { rows } = await this.pool.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = $1`,
      [id],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async listInvitations(negotiationId: string): Promise<Invitation[]> {
    const { rows } = await this.pool.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE negotiation_id = $1 ORDER BY created_at, position`,
      [negotiationId],
    );
    return rows.map(toInvitation);
  }

  async revokeInvitation(id: string): Promise<Invitation | null> {
    await this.pool.query('UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
      id,
      this.now(),
    ]);
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
    await inTransaction(this.pool, async (client) => {
      // The invitation's row lock serializes concurrent sign-ins with it, so the count read next is final.
      const { rows } = await client.query<{ max_people: number | null }>(
        'SELECT max_people FROM invitations WHERE id = $1 FOR UPDATE',
        [invitationId],
      );
      const invitation = rows[0];
      if (!invitation) throw new Error(`unknown invitation ${invitationId}`);
      if (invitation.max_people !== null) {
        const count = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM persons WHERE invitation_id = $1',
          [invitationId],
        );
        if (Number(count.rows[0]?.n ?? 0) >= invitation.max_people)
          throw new InvitationFullError(invitationId);
      }
      await client.query(
        'INSERT INTO persons (id, invitation_id, name, created_at) VALUES ($1, $2, $3, $4)',
        [person.id, invitationId, name, person.createdAt],
      );
    });
    return person;
  }

  async getPerson(id: string): Promise<Person | null> {
    const { rows } = await this.pool.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM persons WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toPerson(rows[0]) : null;
  }

  async listPersons(negotiationId: string): Promise<Person[]> {
    const { rows } = await this.pool.query<PersonRow>(
      `SELECT p.id, p.invitation_id, p.name, p.created_at, p.ended_at FROM persons p
         JOIN invitations i ON i.id = p.invitation_id
         WHERE i.negotiation_id = $1 ORDER BY p.created_at, p.id`,
      [negotiationId],
    );
    return rows.map(toPerson);
  }

  async endPerson(id: string): Promise<Person | null> {
    await this.pool.query('UPDATE persons SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [
      id,
      this.now(),
    ]);
    return this.getPerson(id);
  }

  async assignDocument(documentId: DocumentId, negotiationId: string): Promise<void> {
    await this.pool.query('INSERT INTO negotiation_documents (document_id, negotiation_id) VALUES ($1, $2)', [
      documentId,
      negotiationId,
    ]);
  }

  async negotiationOf(documentId: DocumentId): Promise<string | null> {
    const { rows } = await this.pool.query<{ negotiation_id: string }>(
      'SELECT negotiation_id FROM negotiation_documents WHERE document_id = $1',
      [documentId],
    );
    return rows[0]?.negotiation_id ?? null;
  }

  async documentsOf(negotiationId: string): Promise<DocumentId[]> {
    const { rows } = await this.pool.query<{ document_id: string }>(
      'SELECT document_id FROM negotiation_documents WHERE negotiation_id = $1',
      [negotiationId],
    );
    return rows.map((row) => row.document_id as DocumentId);
  }

  async placementOf(documentId: DocumentId): Promise<DocumentPlacement | null> {
    const { rows } = await this.pool.query<PlacementRow>(
      `SELECT ${PLACEMENT_COLUMNS} FROM negotiation_documents WHERE document_id = $1`,
      [documentId],
    );
    return rows[0] ? toPlacement(rows[0]) : null;
  }

  async placementsOf(negotiationId: string): Promise<DocumentPlacement[]> {
    const { rows } = await this.pool.query<PlacementRow>(
      `SELECT ${PLACEMENT_COLUMNS} FROM negotiation_documents WHERE negotiation_id = $1`,
      [negotiationId],
    );
    return rows.map(toPlacement);
  }

  async setPlacement(
    documentId: DocumentId,
    change: { readonly archivedAt?: string | null; readonly released?: boolean },
  ): Promise<DocumentPlacement | null> {
    // COALESCE keeps a field the change does not name; archived_at may be set back to NULL, hence the flag.
    await this.pool.query(
      `UPDATE negotiation_documents SET
         archived_at = CASE WHEN $2 THEN $3::timestamptz ELSE archived_at END,
         released = COALESCE($4, released)
       WHERE document_id = $1`,
      [documentId, change.archivedAt !== undefined, change.archivedAt ?? null, change.released ?? null],
    );
    return this.placementOf(documentId);
  }

  async claimClientIds(
    documentId: DocumentId,
    clientIds: readonly number[],
    personId: string,
  ): Promise<ClaimResult> {
    const refusal = new ClaimRefused();
    try {
      return await inTransaction(this.pool, async (client) => {
        // Inserting first takes the rows' locks (a concurrent claim of the same id waits for this one), so the
        // owners read next are final; any foreign owner rolls the whole claim back (AC7).
        await client.query(
          `INSERT INTO client_claims (document_id, client_id, person_id, claimed_at)
           SELECT $1, id, $3, $4 FROM unnest($2::bigint[]) AS t (id) ON CONFLICT DO NOTHING`,
          [documentId, clientIds, personId, this.now()],
        );
        const { rows } = await client.query<{ client_id: string; person_id: string }>(
          'SELECT client_id, person_id FROM client_claims WHERE document_id = $1 AND client_id = ANY($2::bigint[])',
          [documentId, clientIds],
        );
        const owners = new Map(rows.map((row) => [Number(row.client_id), row.person_id]));
        for (const clientId of clientIds) {
          const owner = owners.get(clientId);
          if (owner !== undefined && owner !== personId) {
            refusal.result = { ok: false, clientId, ownedBy: owner };
            throw refusal;
          }
        }
        return { ok: true } as const;
      });
    } catch (error) {
      if (error === refusal && refusal.result) return refusal.result;
      throw error;
    }
  }

  async clientIdOwners(documentId: DocumentId): Promise<Map<number, string>> {
    const { rows } = await this.pool.query<{ client_id: string; person_id: string }>(
      'SELECT client_id, person_id FROM client_claims WHERE document_id = $1',
      [documentId],
    );
    return new Map(rows.map((row) => [Number(row.client_id), row.person_id]));
  }

  async recordProvenance(given: readonly UpdateProvenance[]): Promise<void> {
    // The last entry for a key wins, as SQLite's INSERT OR REPLACE does (one statement may not touch a row twice).
    const entries = [
      ...new Map(given.map((e) => [`${e.documentId}\u0000${e.seq}\u0000${e.personId}`, e])).values(),
    ];
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO update_provenance (document_id, seq, person_id, delegation, client_ids)
       SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::jsonb[])
       ON CONFLICT (document_id, seq, person_id)
         DO UPDATE SET delegation = excluded.delegation, client_ids = excluded.client_ids`,
      [
        entries.map((e) => e.documentId),
        entries.map((e) => e.seq),
        entries.map((e) => e.personId),
        entries.map((e) => e.delegation),
        entries.map((e) => JSON.stringify(e.clientIds)),
      ],
    );
  }

  async provenance(documentId: DocumentId): Promise<UpdateProvenance[]> {
    const { rows } = await this.pool.query<{
      seq: number;
      person_id: string;
      delegation: string | null;
      client_ids: number[];
    }>(
      'SELECT seq, person_id, delegation, client_ids FROM update_provenance WHERE document_id = $1 ORDER BY seq',
      [documentId],
    );
    return rows.map((row) => ({
      documentId,
      seq: row.seq,
      personId: row.person_id,
      delegation: row.delegation as DelegationId | null,
      clientIds: row.client_ids,
    }));
  }

  async audit(
    negotiationId: string,
    actor: AuditActor,
    action: AuditAction,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_log (negotiation_id, at, person_id, name, role, delegation, action, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      auditValues(negotiationId, this.now().toISOString(), actor, action, detail),
    );
  }

  async readAudit(
    negotiationId: string,
    after: number,
    limit: number,
    filter?: AuditFilter,
  ): Promise<AuditEntry[]> {
    const where = auditFilterSql(filter, (n) => `$${n}`, 3);
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT seq, at, person_id, name, role, delegation, action, detail FROM audit_log
       WHERE negotiation_id = $1 AND seq > $2${where.sql} ORDER BY seq LIMIT $${3 + where.values.length}`,
      [negotiationId, after, ...where.values, limit],
    );
    return rows.map((row) => toAuditEntry(negotiationId, row));
  }

  async revokedSince(since: string): Promise<{ id: string; revokedAt: string }[]> {
    const { rows } = await this.pool.query<{ id: string; revoked_at: Date }>(
      `SELECT id, revoked_at FROM invitations WHERE revoked_at IS NOT NULL AND revoked_at >= $1
       UNION ALL SELECT id, ended_at FROM persons WHERE ended_at IS NOT NULL AND ended_at >= $1`,
      [since],
    );
    return rows.map((row) => ({ id: row.id, revokedAt: isoOf(row.revoked_at) }));
  }

  async getSetting(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
      key,
    ]);
    return rows[0]?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }
}

/** Thrown inside a claim's transaction to roll it back; carries the refusal that the claim resolves with. */
class ClaimRefused extends Error {
  override name = 'ClaimRefused';
  result: ClaimResult | null = null;
}
