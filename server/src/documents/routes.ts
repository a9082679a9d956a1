import { Action, type DocumentId, isDocumentId, maySeeDocument } from '@travaux/shared';
import { Hono } from 'hono';
import { type AccessControl, actorOf, authorOf, type Principal } from '../auth/access.ts';
import { type AuthEnv, requireAction, requirePrincipal } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import type { DocumentPlacement } from '../persistence/roster-store.ts';
import { compilationToDocx } from '../revisions/docx.ts';
import { mastheadOf } from '../revisions/masthead.ts';
import type { DocumentCatalog, DocumentSummary, NewDocumentInput } from './catalog.ts';

/** Longest accepted title, in characters. */
const MAX_TITLE_LENGTH = 500;

/**
 * The documents API, mounted at /api/documents, for signed-in principals and scoped to their negotiation: list
 * (GET /), create (POST /, JSON `{ title?, text? }`, its body bounded by the app's `bodyLimits`; convenor and chair), read one
 * (GET /:id) and export its current text (GET /:id/text, text/plain). Another negotiation's document is a 404.
 */
export function documentRoutes(catalog: DocumentCatalog, access: AccessControl): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', requirePrincipal(access));

  /**
   * The id of a document the principal may see: of their negotiation, and released unless they create documents
   * (AC13); 404 for anything else (existence is not leaked).
   */
  const ownDocument = async (principal: Principal, raw: string): Promise<DocumentId> => {
    const id = requireId(raw);
    if (!(await access.visibleDocument(principal, id))) throw notFound(raw);
    return id;
  };

  app.get('/', async (c) => {
    const principal = c.get('principal');
    const placements = new Map(
      (await access.roster.placementsOf(principal.negotiation.id))
        .filter((p) =>
          maySeeDocument(principal.role, { archived: p.archivedAt !== null, released: p.released }),
        )
        .map((p) => [p.documentId as string, p]),
    );
    const documents = (await catalog.list()).flatMap((d) => {
      const placement = placements.get(d.id);
      return placement ? [withPlacement(d, placement)] : [];
    });
    return c.json({ documents });
  });

  // AC13: archive or restore, release or withhold (convenor and chair).
  app.patch('/:id', requireAction(access, Action.createDocument), async (c) => {
    const principal = c.get('principal');
    const id = await ownDocument(principal, c.req.param('id'));
    const change = readPlacementChange(await jsonOf(c));
    const placement = await access.placeDocument(principal, id, change);
    const document = await catalog.get(id);
    if (!placement || !document) throw notFound(c.req.param('id'));
    return c.json({ document: withPlacement(document, placement) });
  });

  app.post('/', requireAction(access, Action.createDocument), async (c) => {
    const body = await jsonOf(c);
    const input = readNewDocument(body);
    const released = (body as { released?: unknown }).released;
    if (released !== undefined && typeof released !== 'boolean') {
      throw new ApiError(400, 'invalid_request', '"released" must be true or false');
    }
    const result = await catalog.create(input);
    if (!result.ok && result.reason === 'invalid_title') {
      throw new ApiError(400, 'invalid_request', `"title": ${result.error.message}`);
    }
    if (!result.ok) {
      // TX11: the place and the rule travel in their own fields; the message is the sentence alone.
      const { line, column, message, rule } = result.error;
      throw new ApiError(400, 'invalid_treaty_text', message, { rule, line, column });
    }
    await access.roster.assignDocument(result.document.id, c.get('principal').negotiation.id);
    // AC13: a draft the chair has not yet released is created withheld.
    const placement =
      released === false
        ? await access.placeDocument(c.get('principal'), result.document.id, { released: false })
        : await access.roster.placementOf(result.document.id);
    if (!placement) throw new Error('a document just assigned has no placement');
    return c.json({ document: withPlacement(result.document, placement) }, 201);
  });

  app.get('/:id', async (c) => {
    const principal = c.get('principal');
    const id = requireId(c.req.param('id'));
    const placement = await access.visibleDocument(principal, id);
    const document = placement ? await catalog.get(id) : null;
    if (!placement || !document) throw notFound(c.req.param('id'));
    return c.json({ document: withPlacement(document, placement) });
  });

  app.get('/:id/compilation', async (c) => {
    const text = await catalog.exportCompilation(await ownDocument(c.get('principal'), c.req.param('id')));
    if (text === null) throw notFound(c.req.param('id'));
    return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });

  // PR12, RV14: the compilation as data for a formatted page, and as a Word document.
  app.get('/:id/compilation.json', async (c) => {
    const compilation = await catalog.compilation(await ownDocument(c.get('principal'), c.req.param('id')));
    if (compilation === null) throw notFound(c.req.param('id'));
    return c.json({ compilation });
  });

  app.get('/:id/compilation.docx', async (c) => {
    const id = await ownDocument(c.get('principal'), c.req.param('id'));
    const compilation = await catalog.compilation(id);
    if (compilation === null) throw notFound(c.req.param('id'));
    const buffer = await compilationToDocx(
      compilation,
      mastheadOf(null, compilation.title, 'Compilation of proposals'),
    );
    return c.body(new Uint8Array(buffer), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="compilation-${id}.docx"`,
    });
  });

  // SH10: the chair and the convenor (the secretariat) read what is wrong with a stored treaty's structure; the
  // chair repairs it, one audited action.
  app.get('/:id/problems', requireAction(access, Action.readAudit), async (c) => {
    const problems = await catalog.shapeProblems(await ownDocument(c.get('principal'), c.req.param('id')));
    if (problems === null) throw notFound(c.req.param('id'));
    return c.json({ problems });
  });

  app.post('/:id/repair', requireAction(access, Action.chairOperation), async (c) => {
    const principal = c.get('principal');
    const id = await ownDocument(principal, c.req.param('id'));
    const repaired = await catalog.repair(id, authorOf(principal));
    if (repaired === null) throw notFound(c.req.param('id'));
    if (repaired.length > 0) {
      await access.roster.audit(principal.negotiation.id, actorOf(principal), 'document.repaired', {
        documentId: id,
        // The record of one action stays bounded: the first 200 steps, each clipped, and how many there were.
        count: repaired.length,
        steps: repaired
          .slice(0, 200)
          .map((step) => `${step.rule}: ${step.location}: ${step.message}`.slice(0, 500)),
      });
    }
    return c.json({ repaired, problems: await catalog.shapeProblems(id) });
  });

  app.get('/:id/text', async (c) => {
    const text = await catalog.exportText(await ownDocument(c.get('principal'), c.req.param('id')));
    if (text === null) throw notFound(c.req.param('id'));
    return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });

  return app;
}

/** A request's JSON body, or 400. */
async function jsonOf(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_request', 'the request body must be JSON');
  }
}

/** A document as the API shows it: its catalog record and its placement (AC13). */
function withPlacement(document: DocumentSummary, placement: DocumentPlacement) {
  return { ...document, archivedAt: placement.archivedAt, released: placement.released };
}

/** Validates `PATCH /api/documents/:id`: `archived` and/or `released`, booleans, nothing else. */
function readPlacementChange(body: unknown): { archived?: boolean; released?: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the request body must be a JSON object');
  }
  const { archived, released, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      'invalid_request',
      `only "archived" and "released" can be changed, not ${unknown.join(', ')}`,
    );
  }
  if (archived !== undefined && typeof archived !== 'boolean') {
    throw new ApiError(400, 'invalid_request', '"archived" must be true or false');
  }
  if (released !== undefined && typeof released !== 'boolean') {
    throw new ApiError(400, 'invalid_request', '"released" must be true or false');
  }
  if (archived === undefined && released === undefined) {
    throw new ApiError(400, 'invalid_request', 'give "archived", "released" or both');
  }
  return { ...(archived !== undefined ? { archived } : {}), ...(released !== undefined ? { released } : {}) };
}

/** Validates the JSON of a create request; untrusted input, so every field is checked. */
function readNewDocument(body: unknown): NewDocumentInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the request body must be a JSON object');
  }
  const { title, text } = body as Record<string, unknown>;
  if (title !== undefined && typeof title !== 'string') {
    throw new ApiError(400, 'invalid_request', '"title" must be a string');
  }
  if (text !== undefined && typeof text !== 'string') {
    throw new ApiError(400, 'invalid_request', '"text" must be a string');
  }
  const trimmed = title?.trim();
  if (trimmed !== undefined) {
    // The title is one line of the plain-text format; a line break would change the document's structure.
    if (/[\r\n]/.test(trimmed)) throw new ApiError(400, 'invalid_request', '"title" must be a single line');
    if (trimmed.length > MAX_TITLE_LENGTH) {
      throw new ApiError(400, 'invalid_request', `"title" must be at most ${MAX_TITLE_LENGTH} characters`);
    }
  }
  if (text === undefined && !trimmed) {
    throw new ApiError(400, 'invalid_request', 'give a "title", a "text" or both');
  }
  return { ...(trimmed ? { title: trimmed } : {}), ...(text !== undefined ? { text } : {}) };
}

function requireId(id: string): DocumentId {
  if (!isDocumentId(id)) throw notFound(id);
  return id;
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'document_not_found', `no document with id ${JSON.stringify(id)}`);
}
