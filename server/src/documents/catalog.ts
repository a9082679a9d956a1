import {
  type Compilation,
  compilationOf,
  compileProposals,
  type DocumentId,
  newDocumentId,
  parseTreatyText,
  type RepairStep,
  recordImportedBrackets,
  repairSteps,
  repairTreaty,
  serializeTreatyText,
  type TreatyTextError,
  treatyFromYDoc,
  treatySchema,
  treatyTitle,
  treatyToYDoc,
} from '@travaux/shared';
import * as Y from 'yjs';
import type { DocumentRecord, DocumentStore } from '../persistence/document-store.ts';
import type { AfterCompactHook } from '../rooms/compactor.ts';
import type { Author } from '../rooms/guard.ts';

/** A document as the HTTP API lists it; dates are ISO 8601 strings. */
export interface DocumentSummary {
  readonly id: DocumentId;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What creating a document takes: a title, a plain-text treaty, or both (the title then replaces the text's). */
export interface NewDocumentInput {
  readonly title?: string;
  readonly text?: string;
}

/**
 * Creating a document either succeeds or says what is wrong: the plain text (`invalid_text`, with line and
 * column) or the title (`invalid_title`: it would not read back as a title, e.g. "Article 1", TX1).
 */
export type CreateDocumentResult =
  | { readonly ok: true; readonly document: DocumentSummary }
  | {
      readonly ok: false;
      readonly reason: 'invalid_text' | 'invalid_title';
      readonly error: TreatyTextError;
    };

/** Reads the committed state of a live or stored document (the room manager's `read`). */
export type ReadDocument = <T>(documentId: DocumentId, read: (doc: Y.Doc) => T) => Promise<T>;

/** Changes a live or stored document on behalf of `author`, committed and sent to its readers (`RoomManager.change`). */
export type ChangeDocument = <T>(
  documentId: DocumentId,
  author: Author,
  change: (doc: Y.Doc) => T,
) => Promise<T>;

/** The catalog title of a document whose treaty title is empty. */
export const UNTITLED = 'Untitled draft';

/**
 * The documents feature: creating treaties from plain text, listing them, exporting their current text. The
 * one server module that converts between plain text, ProseMirror and Yjs (through @travaux/shared).
 */
export class DocumentCatalog {
  constructor(
    private readonly store: DocumentStore,
    private readonly readDocument: ReadDocument,
    private readonly changeDocument: ChangeDocument | null = null,
  ) {}

  /** SH10: the shape problems of `documentId` and what the chair's repair would do; null when there is none. */
  async shapeProblems(documentId: DocumentId): Promise<RepairStep[] | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    return this.readDocument(documentId, (doc) => repairSteps(doc));
  }

  /** SH10: repairs the structure of `documentId` as `author` (the chair); the steps it took, or null. */
  async repair(documentId: DocumentId, author: Author): Promise<RepairStep[] | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    if (!this.changeDocument) throw new Error('this catalog cannot change documents');
    return this.changeDocument(documentId, author, (doc) => repairTreaty(doc));
  }

  /** Every document, most recently updated first. */
  async list(): Promise<DocumentSummary[]> {
    return (await this.store.listDocuments()).map(toSummary);
  }

  /** The summary of `documentId`, or null. */
  async get(documentId: DocumentId): Promise<DocumentSummary | null> {
    const record = await this.store.getDocument(documentId);
    return record ? toSummary(record) : null;
  }

  /**
   * Creates a document from `input.text` (the plain-text treaty format) or, without text, an empty treaty
   * titled `input.title`. Misuse (neither given) throws; a malformed text is a result.
   */
  async create(input: NewDocumentInput): Promise<CreateDocumentResult> {
    if (input.text === undefined && input.title === undefined) {
      throw new Error('create needs a title or a text');
    }
    if (input.title !== undefined) {
      // The exported text must read back (TX10), so the title must parse as the title line of a text (TX1).
      const titleLine = parseTreatyText(`${input.title}\n`);
      if (!titleLine.ok) return { ok: false, reason: 'invalid_title', error: titleLine.error };
    }
    let treaty: ReturnType<typeof treatyFromYDoc>;
    if (input.text !== undefined) {
      const parsed = parseTreatyText(input.text);
      if (!parsed.ok) return { ok: false, reason: 'invalid_text', error: parsed.error };
      treaty = parsed.doc;
    } else {
      const empty = new Y.Doc();
      treaty = treatyFromYDoc(empty);
      empty.destroy();
    }
    if (input.title !== undefined) treaty = withTitle(treaty, input.title);
    const ydoc = treatyToYDoc(treaty);
    // Brackets written in the text's notation (TX12) become brackets with records, owned by the Chair's text.
    recordImportedBrackets(ydoc, treaty);
    const update = Y.encodeStateAsUpdate(ydoc);
    const title = catalogTitle(ydoc);
    ydoc.destroy();
    const record = await this.store.createDocument({ id: newDocumentId(), title }, update);
    return { ok: true, document: toSummary(record) };
  }

  /** The current text of `documentId` (live edits included) in the canonical plain-text format, or null. */
  async exportText(documentId: DocumentId): Promise<string | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    return this.readDocument(documentId, (doc) => serializeTreatyText(treatyFromYDoc(doc)));
  }

  /** The Yjs state of `documentId` now (live edits included), or null when there is no such document. */
  async snapshot(documentId: DocumentId): Promise<Uint8Array | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    return this.readDocument(documentId, (doc) => Y.encodeStateAsUpdate(doc));
  }

  /** A new document whose content is `state` (a revision's), listed under its treaty title (RV7: forks). */
  async createFromState(state: Uint8Array): Promise<DocumentSummary> {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, state);
    const title = catalogTitle(ydoc);
    ydoc.destroy();
    return toSummary(await this.store.createDocument({ id: newDocumentId(), title }, state));
  }

  /** The compilation of open proposals of `documentId` (PR12), structured, or null. */
  async compilation(documentId: DocumentId): Promise<Compilation | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    return this.readDocument(documentId, (doc) => compilationOf(doc));
  }

  /** The compilation of open proposals of `documentId` (PR12) as plain text, or null. */
  async exportCompilation(documentId: DocumentId): Promise<string | null> {
    if (!(await this.store.getDocument(documentId))) return null;
    return this.readDocument(documentId, (doc) => compileProposals(doc));
  }
}

/**
 * The hook rooms run after each compaction and unload: it copies the treaty's title into the catalog, so the
 * rooms never need to know what a title is.
 */
export function titleSync(store: DocumentStore): AfterCompactHook {
  return async (documentId, doc) => {
    const title = catalogTitle(doc);
    const record = await store.getDocument(documentId);
    if (record && record.title !== title) await store.setTitle(documentId, title);
  };
}

/** The title a document is listed under: its treaty title, or `UNTITLED` when that is blank. */
export function catalogTitle(doc: Y.Doc): string {
  return treatyTitle(doc).trim() || UNTITLED;
}

/** `treaty` with its title node's text replaced (ST1: the title is always the first child). */
function withTitle(treaty: ReturnType<typeof treatyFromYDoc>, title: string) {
  const node = treatySchema.nodes.title.create(null, title === '' ? null : treatySchema.text(title));
  return treaty.copy(treaty.content.replaceChild(0, node));
}

function toSummary(record: DocumentRecord): DocumentSummary {
  return { id: record.id, title: record.title, createdAt: record.createdAt, updatedAt: record.updatedAt };
}
