import {
  Action,
  type DiffSide,
  type DocumentId,
  diffTreaties,
  isDocumentId,
  readBrackets,
  readChairEdits,
  readProposals,
  readTreaty,
  type TreatyDiff,
  type TreatyReading,
  treatyFromYDoc,
  UN_LANGUAGES,
} from '@travaux/shared';
import { Hono } from 'hono';
import { LRUCache } from 'lru-cache';
import * as Y from 'yjs';
import type { AccessControl, Principal } from '../auth/access.ts';
import { type AuthEnv, requireAction, requirePrincipal } from '../auth/middleware.ts';
import type { DocumentCatalog } from '../documents/catalog.ts';
import { ApiError } from '../http/errors.ts';
import type { RevisionMeta, RevisionStore } from '../persistence/revision-store.ts';
import { diffToDocx, readingToDocx } from './docx.ts';
import { diffToHtml } from './html.ts';
import { mastheadOf, symbolFileName } from './masthead.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The reading of a stored state (RD1): the text with its proposal and bracket records. */
function readingOf(state: Uint8Array): TreatyReading {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  try {
    return readTreaty(treatyFromYDoc(ydoc), { proposals: readProposals(ydoc), brackets: readBrackets(ydoc) });
  } finally {
    ydoc.destroy();
  }
}

/** What a side of a diff names: a revision or checkpoint id, or `live` for the current text. */
const LIVE = 'live';

function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `no ${what}`);
}

function sideOf(state: Uint8Array): DiffSide {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  const side = {
    doc: treatyFromYDoc(ydoc),
    records: readProposals(ydoc),
    brackets: readBrackets(ydoc),
    chairEdits: readChairEdits(ydoc),
  };
  ydoc.destroy();
  return side;
}

/**
 * Revisions, checkpoints and diffs of a document (SPEC RV rules), mounted at /api/documents: everyone on the
 * roster lists and reads them and their diffs (observers included); only the chair issues revisions and
 * starts a new working text from one.
 */
export function revisionRoutes(
  catalog: DocumentCatalog,
  revisions: RevisionStore,
  access: AccessControl,
): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', requirePrincipal(access));

  // AC13: a document of the principal's negotiation that they may see; anything else is a 404.
  const own = async (principal: Principal, raw: string): Promise<DocumentId> => {
    if (!isDocumentId(raw) || !(await access.visibleDocument(principal, raw))) {
      throw new ApiError(404, 'document_not_found', `no document with id ${JSON.stringify(raw)}`);
    }
    return raw;
  };
  const revisionOf = async (documentId: DocumentId, id: string) => {
    const revision = await revisions.get(id);
    if (!revision || revision.documentId !== documentId)
      throw notFound(`revision ${JSON.stringify(id)} of this document`);
    return revision;
  };
  /** One side of a diff: its label and content. */
  const load = async (
    documentId: DocumentId,
    id: string | undefined,
  ): Promise<{ meta: RevisionMeta | null; side: () => DiffSide }> => {
    if (!id) throw new ApiError(400, 'invalid_request', 'give "from" and "to": revision ids or "live"');
    if (id === LIVE) {
      const state = await catalog.snapshot(documentId);
      if (!state) throw notFound('document');
      const side = sideOf(state);
      return { meta: null, side: () => side };
    }
    // The meta only: the state is the bulk of a revision (4 MiB as JSON for the 30,000-word convention).
    const { state, ...meta } = await revisionOf(documentId, id);
    let side: DiffSide | null = null;
    // Decoded only when the diff is not already known.
    return { meta, side: () => (side ??= sideOf(state)) };
  };
  const label = (meta: RevisionMeta | null) =>
    meta === null ? 'the live text' : meta.kind === 'revision' ? `${meta.symbol} (${meta.date})` : meta.title;
  // Revisions and checkpoints never change, so neither does a diff between two of them: the delegations and
  // observers who open the same Rev.1-to-Rev.2 diff share one computation (diffs with the live text are not kept).
  const storedDiffs = new LRUCache<string, { diff: TreatyDiff; title: string }>({ max: 32 });
  const diffOf = async (c: {
    req: { param(name: string): string; query(name: string): string | undefined };
    get(key: 'principal'): Principal;
  }) => {
    const documentId = await own(c.get('principal'), c.req.param('id'));
    const from = await load(documentId, c.req.query('from'));
    const to = await load(documentId, c.req.query('to'));
    const key = from.meta && to.meta ? `${from.meta.id} ${to.meta.id}` : null;
    const known = key ? storedDiffs.get(key) : undefined;
    if (known) return { from, to, ...known };
    const computed = {
      diff: diffTreaties(from.side(), to.side()),
      title: to.side().doc.firstChild?.textContent ?? '',
    };
    if (key) storedDiffs.set(key, computed);
    return { from, to, ...computed };
  };

  app.get('/:id/revisions', async (c) => {
    const documentId = await own(c.get('principal'), c.req.param('id'));
    return c.json({ revisions: await revisions.list(documentId) });
  });

  app.post('/:id/revisions', requireAction(access, Action.chairOperation), async (c) => {
    const principal = c.get('principal');
    const documentId = await own(principal, c.req.param('id'));
    let body: Record<string, unknown>;
    try {
      body = (await c.req.json()) as Record<string, unknown>;
    } catch {
      throw new ApiError(400, 'invalid_request', 'the request body must be JSON');
    }
    const symbol = typeof body.symbol === 'string' ? body.symbol.trim() : '';
    const title = typeof body.title === 'string' ? body.title.trim() : '';
    const date =
      typeof body.date === 'string' && body.date ? body.date : new Date().toISOString().slice(0, 10);
    const language = typeof body.language === 'string' && body.language ? body.language : 'en';
    if (symbol === '' || symbol.length > 100)
      throw new ApiError(
        400,
        'invalid_request',
        '"symbol" must be 1 to 100 characters, e.g. A/AC.1/L.2/Rev.1',
      );
    if (title.length > 300)
      throw new ApiError(400, 'invalid_request', '"title" must be at most 300 characters');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new ApiError(400, 'invalid_request', '"date" must be YYYY-MM-DD');
    if (!(UN_LANGUAGES as readonly string[]).includes(language)) {
      throw new ApiError(400, 'invalid_request', `"language" must be one of ${UN_LANGUAGES.join(', ')}`);
    }
    const state = await catalog.snapshot(documentId);
    if (!state) throw notFound('document');
    const revision = await revisions.add(
      { documentId, kind: 'revision', symbol, title, date, language, createdBy: principal.name },
      state,
    );
    return c.json({ revision }, 201);
  });

  app.get('/:id/revisions/:rid', async (c) => {
    const documentId = await own(c.get('principal'), c.req.param('id'));
    const revision = await revisionOf(documentId, c.req.param('rid'));
    const { state, ...meta } = revision;
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, state);
    try {
      // The bracket records too (BR1), so a revision shows who asked for each bracket.
      return c.json({
        revision: meta,
        treaty: treatyFromYDoc(ydoc).toJSON(),
        proposals: [...readProposals(ydoc).values()],
        brackets: [...readBrackets(ydoc).values()],
      });
    } finally {
      ydoc.destroy();
    }
  });

  app.post('/:id/revisions/:rid/fork', requireAction(access, Action.chairOperation), async (c) => {
    const principal = c.get('principal');
    const documentId = await own(principal, c.req.param('id'));
    const revision = await revisionOf(documentId, c.req.param('rid'));
    const document = await catalog.createFromState(revision.state);
    await access.roster.assignDocument(document.id, principal.negotiation.id);
    return c.json({ document }, 201);
  });

  app.get('/:id/diff', async (c) => {
    const { from, to, diff } = await diffOf(c);
    return c.json({ from: from.meta, to: to.meta, diff });
  });

  app.get('/:id/diff.docx', async (c) => {
    const { from, to, diff, title } = await diffOf(c);
    const masthead = mastheadOf(
      to.meta,
      title || 'Treaty text',
      `Changes from ${label(from.meta)} to ${label(to.meta)}`,
    );
    const buffer = await diffToDocx(diff, masthead, to.meta?.createdAt ?? new Date().toISOString());
    // RV14: named after the newer text's symbol.
    const name = symbolFileName(masthead.symbol, 'travaux-working-text', 'docx').replace(
      /\.docx$/,
      '-changes.docx',
    );
    return c.body(new Uint8Array(buffer), 200, {
      'Content-Type': DOCX,
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  /** RV14: a whole text as a Word document, named after its symbol. */
  const textDocx = async (meta: RevisionMeta | null, state: Uint8Array) => {
    const reading = readingOf(state);
    const masthead = mastheadOf(meta, reading.title || 'Treaty text');
    const buffer = await readingToDocx(reading, masthead);
    return {
      body: new Uint8Array(buffer),
      headers: {
        'Content-Type': DOCX,
        'Content-Disposition': `attachment; filename="${symbolFileName(masthead.symbol, 'travaux-working-text', 'docx')}"`,
      },
    };
  };

  app.get('/:id/text.docx', async (c) => {
    const documentId = await own(c.get('principal'), c.req.param('id'));
    const state = await catalog.snapshot(documentId);
    if (!state) throw notFound('document');
    const { body, headers } = await textDocx(null, state);
    return c.body(body, 200, headers);
  });

  app.get('/:id/revisions/:rid/text.docx', async (c) => {
    const documentId = await own(c.get('principal'), c.req.param('id'));
    const { state, ...meta } = await revisionOf(documentId, c.req.param('rid'));
    const { body, headers } = await textDocx(meta, state);
    return c.body(body, 200, headers);
  });

  app.get('/:id/diff.html', async (c) => {
    const { from, to, diff, title } = await diffOf(c);
    return c.html(
      diffToHtml(
        diff,
        mastheadOf(to.meta, title || 'Treaty text', `Changes from ${label(from.meta)} to ${label(to.meta)}`),
      ),
    );
  });

  return app;
}
