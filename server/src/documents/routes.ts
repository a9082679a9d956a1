import { Action, type DocumentId, isDocumentId } from '@travaux/shared';
import { Hono } from 'hono';
import type { AccessControl } from '../auth/access.ts';
import { type AuthEnv, requireAction, requirePrincipal } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { compilationToDocx } from '../revisions/docx.ts';
import { mastheadOf } from '../revisions/masthead.ts';
import type { DocumentCatalog, NewDocumentInput } from './catalog.ts';

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

  /** The id of a document of the principal's negotiation; 404 for anything else (existence is not leaked). */
  const ownDocument = async (negotiationId: string, raw: string): Promise<DocumentId> => {
    const id = requireId(raw);
    if ((await access.roster.negotiationOf(id)) !== negotiationId) throw notFound(raw);
    return id;
  };

  app.get('/', async (c) => {
    const own = new Set<string>(await access.roster.documentsOf(c.get('principal').negotiation.id));
    return c.json({ documents: (await catalog.list()).filter((d) => own.has(d.id)) });
  });

  app.post('/', requireAction(access, Action.createDocument), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_request', 'the request body must be JSON');
    }
    const input = readNewDocument(body);
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
    return c.json({ document: result.document }, 201);
  });

  app.get('/:id', async (c) => {
    const document = await catalog.get(
      await ownDocument(c.get('principal').negotiation.id, c.req.param('id')),
    );
    if (!document) throw notFound(c.req.param('id'));
    return c.json({ document });
  });

  app.get('/:id/compilation', async (c) => {
    const text = await catalog.exportCompilation(
      await ownDocument(c.get('principal').negotiation.id, c.req.param('id')),
    );
    if (text === null) throw notFound(c.req.param('id'));
    return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });

  // PR12, RV14: the compilation as data for a formatted page, and as a Word document.
  app.get('/:id/compilation.json', async (c) => {
    const compilation = await catalog.compilation(
      await ownDocument(c.get('principal').negotiation.id, c.req.param('id')),
    );
    if (compilation === null) throw notFound(c.req.param('id'));
    return c.json({ compilation });
  });

  app.get('/:id/compilation.docx', async (c) => {
    const id = await ownDocument(c.get('principal').negotiation.id, c.req.param('id'));
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

  app.get('/:id/text', async (c) => {
    const text = await catalog.exportText(
      await ownDocument(c.get('principal').negotiation.id, c.req.param('id')),
    );
    if (text === null) throw notFound(c.req.param('id'));
    return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });

  return app;
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
