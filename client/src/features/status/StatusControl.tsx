import {
  type DelegationId,
  delegationById,
  PARAGRAPH_STATUSES,
  type ParagraphStatus,
  parsePackageName,
  parsePending,
  STATUS_LABEL,
  statusOf,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { useId, useState } from 'react';
import { statusLabel } from './status-label.ts';

interface StatusControlProps {
  /** The paragraph holding the caret, with its number ("2.", "PP1"), or null outside any paragraph. */
  readonly paragraph: { readonly node: Node; readonly number: string } | null;
  readonly isChair: boolean;
  /** SS2: the chair's change; returns the refusal to show, or null. */
  readonly onStatus: (status: ParagraphStatus, pending: DelegationId[]) => string | null;
  readonly onPackage: (name: string | null) => string | null;
}

/**
 * The status of the paragraph at the caret (SS1, SS6), for everyone; the chair changes it (SS2), with pending
 * delegations for "agreed in informals" and the package that ties paragraphs together (SS5).
 */
export function StatusControl({ paragraph, isChair, onStatus, onPackage }: StatusControlProps) {
  const ids = useId();
  const [message, setMessage] = useState('');
  if (!paragraph) {
    return (
      <section className="panel status-control" aria-labelledby={`${ids}-heading`}>
        <h2 id={`${ids}-heading`}>Paragraph status</h2>
        <p className="muted">Put the caret in a paragraph to see its status.</p>
      </section>
    );
  }
  const { node, number } = paragraph;
  const status = statusOf(node);
  const label = statusLabel(node) || STATUS_LABEL[status];
  return (
    <section className="panel status-control" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Paragraph status</h2>
      <p>
        Paragraph {number.replace(/\.$/, '') || '(unnumbered)'}:{' '}
        <strong className={`status-pill status-${status}`}>{label}</strong>
      </p>
      {isChair && (
        <ChairForm
          key={`${node.attrs.id}:${status}:${node.attrs.pending ?? ''}:${node.attrs.package ?? ''}`}
          node={node}
          onStatus={(next, pending) => setMessage(onStatus(next, pending) ?? '')}
          onPackage={(name) => setMessage(onPackage(name) ?? '')}
        />
      )}
      <p className="status-message" aria-live="polite">
        {message}
      </p>
    </section>
  );
}

function ChairForm({
  node,
  onStatus,
  onPackage,
}: {
  node: Node;
  onStatus: (status: ParagraphStatus, pending: DelegationId[]) => void;
  onPackage: (name: string | null) => void;
}) {
  const ids = useId();
  const [status, setStatus] = useState<ParagraphStatus>(statusOf(node));
  const [pending, setPending] = useState(parsePending(node.attrs.pending).join(' '));
  const current = parsePackageName(node.attrs.package);
  const [pack, setPack] = useState(current ?? '');
  const codes = parsePending(pending.toUpperCase());
  return (
    <>
      <form
        className="status-form"
        onSubmit={(event) => {
          event.preventDefault();
          onStatus(status, status === 'informals' ? codes : []);
        }}
      >
        <label htmlFor={`${ids}-status`}>Set the paragraph to</label>
        <select
          id={`${ids}-status`}
          value={status}
          onChange={(event) => setStatus(event.target.value as ParagraphStatus)}
        >
          {PARAGRAPH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === 'open' ? 'Open (reopen)' : STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {status === 'informals' && (
          <>
            <label htmlFor={`${ids}-pending`}>Pending delegations (codes, e.g. USA CHN)</label>
            <input
              id={`${ids}-pending`}
              value={pending}
              onChange={(event) => setPending(event.target.value)}
            />
            {codes.length > 0 && (
              <p className="muted">Pending {codes.map((c) => delegationById(c)?.name ?? c).join(', ')}</p>
            )}
          </>
        )}
        <button type="submit">Apply status</button>
      </form>
      <form
        className="status-form"
        onSubmit={(event) => {
          event.preventDefault();
          onPackage(pack.trim() ? pack.trim() : null);
        }}
      >
        <label htmlFor={`${ids}-package`}>Package (paragraphs agreed only together)</label>
        <input
          id={`${ids}-package`}
          value={pack}
          maxLength={40}
          onChange={(event) => setPack(event.target.value)}
        />
        <button type="submit" disabled={!pack.trim() && !current}>
          {pack.trim() || !current ? 'Tie into package' : `Untie from package ${current}`}
        </button>
      </form>
    </>
  );
}
