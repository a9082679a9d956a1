import {
  type BlockDiff,
  type ChangeAuthor,
  counted,
  type DiffPart,
  type DocumentId,
  delegationById,
  delegationColor,
  NEUTRAL_COLOR,
  progressLine,
  symbolFileName,
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

/** What a change is, in words: "Inserted by Russian Federation", "Proposed for deletion by European Union". */
function partTitle(part: DiffPart): string {
  const verb = part.open
    ? part.type === 'insert'
      ? 'Proposed for insertion'
      : 'Proposed for deletion'
    : part.type === 'insert'
      ? 'Inserted'
      : 'Deleted';
  return `${verb} by ${authorName(part.author)}${part.decision ? ` (${part.decision})` : ''}`;
}

function Part({ part }: { part: DiffPart }) {
  if (part.type === 'equal') return <>{part.text}</>;
  const Tag = part.type === 'insert' ? 'ins' : 'del';
  return (
    <Tag
      className={`diff-${part.type}${part.open ? ' diff-open' : ''}`}
      style={{ textDecorationColor: authorColour(part.author) }}
      title={partTitle(part)}
      data-author={part.author}
    >
      <span className="visually-hidden">{`[${partTitle(part)}: `}</span>
      {part.text}
      <span className="visually-hidden">]</span>
    </Tag>
  );
}

/** RV11: the chair's decisions on brackets behind a block's changes, in words. */
function Decisions({ parts }: { parts: readonly DiffPart[] }) {
  const decisions = [...new Set(parts.flatMap((part) => (part.decision ? [part.decision] : [])))];
  if (decisions.length === 0) return null;
  return (
    <p className="diff-decision">
      {decisions.map((d) => d.charAt(0).toUpperCase() + d.slice(1)).join('; ')}.
    </p>
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
  fileName = 'travaux-working-text-changes.docx',
): Promise<string | null> {
  const result = await diffExport(documentId, from, to, format);
  if (!result.ok) return describeApiError(result.error);
  const url = URL.createObjectURL(result.value);
  if (format === 'html') window.open(url, '_blank', 'noopener');
  else {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
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
              {counted(data.diff.summary.wordsAdded, 'word')} added, {data.diff.summary.wordsRemoved} removed;{' '}
              {counted(data.diff.summary.blocksAdded, 'paragraph')} added, {data.diff.summary.blocksRemoved}{' '}
              removed, {data.diff.summary.blocksMoved} moved;{' '}
              {counted(data.diff.summary.proposalsAccepted, 'proposal')} accepted,{' '}
              {data.diff.summary.proposalsRejected} rejected.
            </p>
            <p className="diff-progress">{progressLine(data.diff.summary)}</p>
            <div className="diff-exports">
              <button
                type="button"
                onClick={async () =>
                  setError(
                    await download(
                      documentId,
                      from,
                      to,
                      'docx',
                      symbolFileName(
                        data.to?.kind === 'revision' ? data.to.symbol : null,
                        'travaux-working-text',
                        'docx',
                      ).replace(/\.docx$/, '-changes.docx'),
                    ),
                  )
                }
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
                        — {counted(entry.added, 'word')} added, {entry.removed} removed
                      </span>
                    </h3>
                    <ul>
                      {data.diff.blocks.flatMap((block) =>
                        keyed(block.parts)
                          .filter(
                            ({ part }) =>
                              part.type !== 'equal' &&
                              part.author === entry.author &&
                              !part.notation &&
                              part.text.trim() !== '',
                          )
                          .map(({ key, part: p }) => (
                            <li key={`${block.id}-${key}`}>
                              <span className="muted">{block.location}: </span>
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
                <>
                  {view === 'side' && (
                    <div className="diff-columns diff-column-headings">
                      <p>{sideName(data.from)}</p>
                      <p>{sideName(data.to)}</p>
                    </div>
                  )}
                  <ol className={`diff-blocks diff-${view}`} aria-label="Changed paragraphs">
                    {blocks.map((block) => (
                      <li key={block.id} className={`diff-block diff-${block.kind} diff-${block.change}`}>
                        <p className="diff-where">
                          {block.location}
                          {block.status && <span className="diff-status"> ({block.status})</span>}
                          {blockNote(block) && <span className="muted"> ({blockNote(block)})</span>}
                        </p>
                        <Decisions parts={block.parts} />
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
                                .filter(({ part }) => part.type !== 'delete' || part.open)
                                .map(({ key, part }) => (
                                  <Part key={key} part={part} />
                                ))}
                            </p>
                          </div>
                        )}
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </section>
          </>
        )}
      </main>
    </>
  );
}
