import { randomUUID } from 'node:crypto';
import type { DocumentId } from '@travaux/shared';
import type pg from 'pg';
import { toBuffer } from './postgres-database.ts';
import type { Revision, RevisionMeta, RevisionStore } from './revision-store.ts';
import { type RevisionRow, revisionValues, toRevisionMeta } from './rows.ts';

const META_COLUMNS = 'id, document_id, kind, symbol, title, date, language, created_at, created_by';

/** The PostgreSQL `RevisionStore`: revisions and checkpoints of every node in the shared database. */
export class PostgresRevisionStore implements RevisionStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(
    meta: Omit<RevisionMeta, 'id' | 'createdAt'>,
    state: Uint8Array,
    now = new Date(),
  ): Promise<RevisionMeta> {
    const revision: RevisionMeta = { ...meta, id: randomUUID(), createdAt: now.toISOString() };
    await this.pool.query(
      `INSERT INTO revisions (id, document_id, kind, symbol, title, date, language, created_at, created_by, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      revisionValues(revision, toBuffer(state)),
    );
    return revision;
  }

  async list(documentId: DocumentId): Promise<RevisionMeta[]> {
    const { rows } = await this.pool.query<RevisionRow>(
      `SELECT ${META_COLUMNS} FROM revisions WHERE document_id = $1 ORDER BY created_at DESC, position DESC`,
      [documentId],
    );
    return rows.map(toRevisionMeta);
  }

  async get(id: string): Promise<Revision | null> {
    const { rows } = await this.pool.query<RevisionRow & { state: Buffer }>(
      `SELECT ${META_COLUMNS}, state FROM revisions WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { ...toRevisionMeta(row), state: new Uint8Array(row.state) } : null;
  }

  async pruneCheckpoints(documentId: DocumentId, keep: number): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM revisions WHERE document_id = $1 AND kind = 'checkpoint' AND id NOT IN (
         SELECT id FROM revisions WHERE document_id = $1 AND kind = 'checkpoint'
         ORDER BY created_at DESC, position DESC LIMIT $2)`,
      [documentId, keep],
    );
    return result.rowCount ?? 0;
  }
}
