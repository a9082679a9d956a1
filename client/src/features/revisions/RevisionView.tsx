import { type DocumentId, treatySchema } from '@travaux/shared';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import { getRevision, type RevisionMeta } from '../../api/revisions.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { bracketsPlugin } from '../brackets/bracket-decorations.ts';
import { numberingPlugin } from '../numbering/numbering-plugin.ts';
import { statusPlugin } from '../status/status-plugin.ts';

/** RV3: a revision or checkpoint opened read-only, with its derived numbering, for everyone on the roster. */
export function RevisionView({ documentId, revisionId }: { documentId: DocumentId; revisionId: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [meta, setMeta] = useState<RevisionMeta | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let view: EditorView | null = null;
    let current = true;
    void getRevision(documentId, revisionId).then((result) => {
      if (!current) return;
      if (!result.ok) return setError(describeApiError(result.error));
      setMeta(result.value.revision);
      if (!mount.current) return;
      const doc = treatySchema.nodeFromJSON(result.value.treaty);
      const brackets = new Map(result.value.brackets.map((record) => [record.id, record]));
      view = new EditorView(mount.current, {
        // The revision as it read: numbers, brackets with their owners, paragraph statuses.
        state: EditorState.create({
          schema: treatySchema,
          doc,
          plugins: [numberingPlugin(), bracketsPlugin(brackets), statusPlugin(() => {})],
        }),
        editable: () => false,
        attributes: {
          class: 'treaty',
          role: 'textbox',
          'aria-readonly': 'true',
          'aria-multiline': 'true',
          'aria-label': 'Text of the revision',
        },
      });
    });
    return () => {
      current = false;
      view?.destroy();
    };
  }, [documentId, revisionId]);

  const name = meta ? (meta.kind === 'revision' ? `${meta.symbol} (${meta.date})` : meta.title) : 'Revision';
  return (
    <>
      <AppHeader title={name} />
      <main id="main" className="page revision-view">
        <p>
          <Link href={`/d/${documentId}/revisions`}>Back to the revisions</Link> ·{' '}
          <Link href={`/d/${documentId}/diff?from=${revisionId}&to=live`}>Compare with the live text</Link>
        </p>
        {meta && (
          <h1>
            {name}
            {meta.title && meta.kind === 'revision' ? ` — ${meta.title}` : ''}
          </h1>
        )}
        <p className="read-only-notice">
          <strong>Read only.</strong> A revision never changes.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div ref={mount} className="treaty-frame" />
      </main>
    </>
  );
}
