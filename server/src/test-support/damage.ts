import { join } from 'node:path';
import type { DocumentId } from '@travaux/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { DATABASE_FILE } from '../persistence/open-stores.ts';
import { SqliteDocumentStore } from '../persistence/sqlite-store.ts';

/**
 * Writes `damage` straight into a document of the SQLite store in `dataDir`, as a server without the shape check
 * would have stored it (SH8, SH10). The document's room must not be loaded (close the server, or use a document
 * nobody opened yet): a live room would not see the write.
 */
export async function storeDamage(
  dataDir: string,
  documentId: string,
  damage: (doc: Y.Doc) => void,
): Promise<void> {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('busy_timeout = 5000');
  try {
    const store = new SqliteDocumentStore(db);
    const loaded = await store.loadDocument(documentId as DocumentId);
    if (!loaded) throw new Error(`no document ${documentId} in ${dataDir}`);
    const doc = new Y.Doc();
    for (const update of [loaded.snapshot, ...loaded.updates]) if (update) Y.applyUpdate(doc, update);
    const vector = Y.encodeStateVector(doc);
    damage(doc);
    await store.appendUpdates(documentId as DocumentId, [Y.encodeStateAsUpdate(doc, vector)]);
    doc.destroy();
  } finally {
    db.close();
  }
}
