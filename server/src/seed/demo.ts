import { DEMO_CONVENTION_TEXT, type DocumentId } from '@travaux/shared';
import type { DocumentCatalog } from '../documents/catalog.ts';

/**
 * Creates the demo negotiation from `DEMO_CONVENTION_TEXT` when the catalog is empty, so that a first start
 * has something to open. Resolves with the new document's id, or null when documents already exist.
 */
export async function seedDemoDocument(catalog: DocumentCatalog): Promise<DocumentId | null> {
  if ((await catalog.list()).length > 0) return null;
  const result = await catalog.create({ text: DEMO_CONVENTION_TEXT });
  if (!result.ok) {
    const { line, column, message } = result.error;
    throw new Error(`DEMO_CONVENTION_TEXT does not parse: line ${line}, column ${column}: ${message}`);
  }
  return result.document.id;
}
