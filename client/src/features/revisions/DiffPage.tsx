import {
  type BlockDiff,
  type ChangeAuthor,
  type DiffPart,
  type DocumentId,
  delegationById,
  delegationColor,
  NEUTRAL_COLOR,
  progressLine,
} from '@travaux/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import { type DiffResponse, diffExport, getDiff, type RevisionMeta } from '../../api/revisions.ts';
import { AppHeader } from '../../app/AppHeader.tsx';

const authorName = (author: ChangeAuthor | undefined) =>
  !author || author === 'CHAIR' ? 'Chair' : (delegationById(author)?.name ?? author);
const authorColour = (author: ChangeAuthor | undefined) =>
  !author || author === 'CHAIR' ? NEUTRAL_COLOR : delegationColor(author);
const sideName = (meta: RevisionMeta | null) =>
  meta === null ? 'Live text' : meta.kind === 'revision' ? `${meta.symbol} (${meta.date})` : meta.title;

function Part({ part }: { part: DiffPart }) {
  if (part.type === 'equal') return <>{part.text}</>;
  const Tag = part.type === 'insert' ? 'ins' : 'del';
  return (
    <Tag
      className={`diff-${part.type}`}
      style={{ textDecorationColor: authorColour(part.author) }}
      title={`${part.type === 'insert' ? 'Inserted' : 'Deleted'} by ${authorName(part.author)}`}
      data-author={part.author}
    >
      <span className="visually-hidden">{part.type === 'insert' ? '[inserted: ' : '[deleted: '}</span>
      {part.text}
      <span className="visually-hidden">]</span>
    </Tag>
  );
}

/** Parts with a key made of their type and offset in the block (parts never move, so it is stable). */
function keyed(parts: readonly DiffPart[]): { key: string; part: DiffPart }[] {
  let offset = 0;
  return parts.map((part) => {
    const key = `${part.type}@${offset}`;
    offset += part.text.length;
    return { key, part };
  });
}

function blockNote(block: BlockDiff): string {
  const notes: string[] = [];
  if (block.change === 'inserted') notes.push(block.splitFrom ? 'new (split from another paragraph)' : 'new');
  if (block.change === 'deleted') notes.push(block.mergedInto ? 'merged into another paragraph' : 'deleted');
  if (block.moved) notes.push('moved');
  if (block.oldLabel && block.newLabel && block.oldLabel !== block.newLabel)
    notes.push(`formerly ${block.oldLabel}`);
  return notes.join('; ');
}

async function download(
  documentId: DocumentId,
  from: string,
  to: string,
  format: 'docx' | 'html',
): Promise<string | null> {
  const result = await diffExport(documentId, from, to, format);
  if (!result.ok) return describeApiError(result.error);
  const url = URL.createObjectURL(result.value);
  if (format === 'html') window.open(url, '_blank', 'noopener');
  else {
    const link = document.createElement('a');
    link.href = url;
    link.download = 'travaux-revision-changes.docx';
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

/**
 * A diff between two revisions, checkpoints or the live text (SPEC RV rules): summary, words per delegation,
 * the changes grouped by delegation, and the text inline or side by side, filterable by article and
 * delegation. The address (from/to) is a stable link. Read-only for everyone.
 */
export function DiffPage({ documentId }: { documentId: DocumentId }) {
  const params = new URLSearchParams(useSearch());
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? 'live';
  const ids = useId();
  const [data, setData] = useState<DiffResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'inline' | 'side'>('inline');
  const [article, setArticle] = useState('');
  const [author, setAuthor] = useState('');
  const [showUnchanged, setShowUnchanged] = useState(false);

  useEffect(() => {
    let current = true;
    void getDiff(documentId, from, to).then((result) => {
      if (!current) return;
      if (result.ok) setData(result.value);
      else setError(describeApiError(result.error));
    });
    document.title = 'Changes — Travaux';
    return () => {
      current = false;
    };
  }, [documentId, from, to]);

  const blocks = useMemo(() => {
    if (!data) return [];
    return data.diff.blocks.filter((block) => {
      if (article && block.article !== article) return false;
      const changes = block.parts.filter((p) => p.type !== 'equal');
      if (author && !changes.some((p) => p.author === author)) return false;
      return showUnchanged || changes.length > 0 || block.moved;
    });
  }, [data, article, author, showUnchanged]);
  const articles = useMemo(() => [...new Set(data?.diff.blocks.map((b) => b.article) ?? [])], [data]);

  return (
    <>
      <AppHeader title="Changes between texts" />
      <main id="main" className="page diff-page">
        <p>
          <Link href={`/d/${documentId}`}>Back to the text</Link> ·{' '}
          <Link href={`/d/${documentId}/revisions`}>Revisions</Link>
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {!data && !error && <p className="muted">Comparing…</p>}
        {data && (
          <>
            <h1>
              {sideName(data.from)} → {sideName(data.to)}
            </h1>
            <p className="diff-summary">
              {data.diff.summary.wordsAdded} words added, {data.diff.summary.wordsRemoved} removed;{' '}
              {data.diff.summary.blocksAdded} paragraphs added, {data.diff.summary.blocksRemoved} removed,{' '}
              {data.diff.summary.blocksMoved} moved; proposals accepted: {data.diff.summary.proposalsAccepted}
              , rejected: {data.diff.summary.proposalsRejected}.
            </p>
            <p className="diff-progress">{progressLine(data.diff.summary)}</p>
            <div className="diff-exports">
              <button
                type="button"
                onClick={async () => setError(await download(documentId, from, to, 'docx'))}
              >
                Download Word file
              </button>
              <button
                type="button"
                onClick={async () => setError(await download(documentId, from, to, 'html'))}
              >
                Print view
              </button>
            </div>

            <section aria-labelledby={`${ids}-by`}>
              <h2 id={`${ids}-by`}>Changes by delegation</h2>
              <ul className="diff-by-author">
                {data.diff.byAuthor.map((entry) => (
                  <li key={entry.author} data-author={entry.author}>
                    <h3>
                      <span
                        className="swatch"
                        style={{ backgroundColor: authorColour(entry.author) }}
                        aria-hidden="true"
                      />
                      {authorName(entry.author)}
                      <span className="muted">
                        {' '}
                        — {entry.added} words added, {entry.removed} removed
                      </span>
                    </h3>
                    <ul>
                      {data.diff.blocks.flatMap((block) =>
                        keyed(block.parts)
                          .filter(({ part }) => part.type !== 'equal' && part.author === entry.author)
                          .map(({ key, part: p }) => (
                            <li key={`${block.id}-${key}`}>
                              <span className="muted">
                                {block.article}
                                {block.newLabel && block.kind !== 'article' ? `, ${block.newLabel}` : ''}:{' '}
                              </span>
                              <Part part={p} />
                            </li>
                          )),
                      )}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>

            <section aria-labelledby={`${ids}-text`}>
              <h2 id={`${ids}-text`}>The text</h2>
              <div className="diff-controls">
                <fieldset>
                  <legend>View</legend>
                  <label>
                    <input
                      type="radio"
                      name={`${ids}-view`}
                      checked={view === 'inline'}
                      onChange={() => setView('inline')}
                    />{' '}
                    Inline
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${ids}-view`}
                      checked={view === 'side'}
                      onChange={() => setView('side')}
                    />{' '}
                    Side by side
                  </label>
                </fieldset>
                <label htmlFor={`${ids}-article`}>Article</label>
                <select id={`${ids}-article`} value={article} onChange={(e) => setArticle(e.target.value)}>
                  <option value="">Whole text</option>
                  {articles.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${ids}-author`}>Delegation</label>
                <select id={`${ids}-author`} value={author} onChange={(e) => setAuthor(e.target.value)}>
                  <option value="">All</option>
                  {data.diff.byAuthor.map((a) => (
                    <option key={a.author} value={a.author}>
                      {authorName(a.author)}
                    </option>
                  ))}
                </select>
                <label className="inline-check">
                  <input
                    type="checkbox"
                    checked={showUnchanged}
                    onChange={(e) => setShowUnchanged(e.target.checked)}
                  />{' '}
                  Show unchanged paragraphs
                </label>
              </div>
              {blocks.length === 0 ? (
                <p className="muted">No changes{article || author ? ' match the filters' : ''}.</p>
              ) : (
                <ol className={`diff-blocks diff-${view}`} aria-label="Changed paragraphs">
                  {blocks.map((block) => (
                    <li key={block.id} className={`diff-block diff-${block.kind} diff-${block.change}`}>
                      <p className="diff-where">
                        {block.article}
                        {block.kind !== 'article' &&
                        block.kind !== 'chapter' &&
                        (block.newLabel ?? block.oldLabel)
                          ? `, ${block.newLabel ?? block.oldLabel}`
                          : ''}
                        {blockNote(block) && <span className="muted"> ({blockNote(block)})</span>}
                      </p>
                      {view === 'inline' ? (
                        <p className="diff-text">
                          {keyed(block.parts).map(({ key, part }) => (
                            <Part key={key} part={part} />
                          ))}
                        </p>
                      ) : (
                        <div className="diff-columns">
                          <p className="diff-text">
                            <span className="visually-hidden">Before: </span>
                            {keyed(block.parts)
                              .filter(({ part }) => part.type !== 'insert')
                              .map(({ key, part }) => (
                                <Part key={key} part={part} />
                              ))}
                          </p>
                          <p className="diff-text">
                            <span className="visually-hidden">After: </span>
                            {keyed(block.parts)
                              .filter(({ part }) => part.type !== 'delete')
                              .map(({ key, part }) => (
                                <Part key={key} part={part} />
                              ))}
                          </p>
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </main>
    </>
  );
}
