import {
  type ChairEdit,
  CloseCode,
  createProposal,
  type DocumentId,
  innermostBracketAt,
  type OutlineEntry,
  type ProposalContext,
  proposeBlockDeletion,
  proposeNewArticle,
  proposeNewParagraph,
  type Stance,
  scanBrackets,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { Link } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { TreatyEditor } from '../../editor/TreatyEditor.tsx';
import { useConnection, useDocumentSession } from '../../sync/use-document-session.ts';
import { type BracketResolutionRequest, resolveBracket } from '../brackets/actions.ts';
import { BracketCounts } from '../brackets/BracketCounts.tsx';
import { BracketDialogs } from '../brackets/BracketDialogs.tsx';
import { bracketStops, nextBracketStop } from '../brackets/bracket-commands.ts';
import { bracketsKey } from '../brackets/bracket-decorations.ts';
import { bracketDescription } from '../brackets/bracket-markers.ts';
import { bracketTools } from '../brackets/bracket-tools.ts';
import { useBrackets } from '../brackets/use-brackets.ts';
import { ConnectionStatus } from '../connection/ConnectionStatus.tsx';
import { refusalLabel } from '../connection/connection-label.ts';
import { numberingKey } from '../numbering/numbering-plugin.ts';
import { Outline } from '../outline/Outline.tsx';
import { headingSelection, locateEntry } from '../outline/outline-navigation.ts';
import { PresencePanel } from '../presence/PresencePanel.tsx';
import { Decisions, setNote, toggleStance, withdrawProposal } from '../proposals/actions.ts';
import { ChairEditsList } from '../proposals/ChairEditsList.tsx';
import { CompilationDialog } from '../proposals/CompilationDialog.tsx';
import {
  type ChairEditSource,
  ChairEditStore,
  chairEditsKey,
  undoChairEdit,
} from '../proposals/chair-edits.ts';
import { ProposalPanel } from '../proposals/ProposalPanel.tsx';
import { proposalDecorationsKey } from '../proposals/proposal-decorations.ts';
import { nextProposalPos, proposalRows } from '../proposals/proposal-list.ts';
import { proposalCommand } from '../proposals/proposal-mode.ts';
import { ProposalStore } from '../proposals/proposal-store.ts';
import { CaretNotice } from '../refusals/CaretNotice.tsx';
import { mayEditText } from '../session/permissions.ts';
import { usePrincipal } from '../session/principal-context.ts';
import { sessionStore } from '../session/session-store.ts';
import { paragraphAtCaret } from '../status/status-commands.ts';
import { statusPerArticle } from '../status/status-label.ts';
import { insertArticle, insertParagraph } from '../structure/insert.ts';
import { AgreementPanels } from './AgreementPanels.tsx';
import { RepairNotice } from './RepairNotice.tsx';
import { HISTORY_TOOLS, MOD_KEY, Toolbar, type ToolDef } from './Toolbar.tsx';
import { useDocumentMeta } from './use-document-meta.ts';

const NO_CHAIR_EDITS: readonly ChairEdit[] = [];

/** The drafting room of one document: checks it exists, then opens the live session. */
export function DraftingRoomPage({ documentId }: { documentId: DocumentId }) {
  const meta = useDocumentMeta(documentId);
  if (meta.status === 'failed') {
    if (meta.error.reason === 'document-not-found') {
      return <NotFoundPage message={`There is no document “${documentId}”. It may have been mistyped.`} />;
    }
    return (
      <>
        <AppHeader />
        <main id="main" className="page narrow">
          <h1>This document cannot be opened</h1>
          <p role="alert">{describeApiError(meta.error)}</p>
        </main>
      </>
    );
  }
  if (meta.status === 'loading') {
    return (
      <>
        <AppHeader />
        <main id="main" className="page narrow">
          <p className="muted">Loading…</p>
        </main>
      </>
    );
  }
  return (
    <LiveRoom
      documentId={documentId}
      fallbackTitle={meta.document.title}
      archivedAt={meta.document.archivedAt}
      onPlacementChanged={meta.reload}
    />
  );
}

function treatyTitleOf(doc: Node | null): string {
  return doc?.firstChild?.textContent.trim() ?? '';
}

/**
 * The live room: outline, toolbar and text, presence. The text is shown only once the provider has synced
 * with the server, so nobody ever sees (or types into) an empty stand-in for the stored treaty.
 */
function LiveRoom({
  documentId,
  fallbackTitle,
  archivedAt,
  onPlacementChanged,
}: {
  documentId: DocumentId;
  fallbackTitle: string;
  /** AC13: an archived document is read-only for everyone. */
  archivedAt: string | null;
  /** Called when the server says the document's placement changed (archived, restored...). */
  onPlacementChanged: () => void;
}) {
  const principal = usePrincipal();
  const token = sessionStore.getToken() ?? '';
  // A refused edit (4422) leaves the local copy ahead of the server: start again from the server's state.
  const [generation, setGeneration] = useState(0);
  const [resynced, setResynced] = useState<string | null>(null);
  const session = useDocumentSession(documentId, principal, token, generation);
  const editable = mayEditText(principal.role) && archivedAt === null;
  // AC13: the server closes with AccessChanged when the document is archived or restored: read its record again.
  useEffect(() => {
    if (!session) return;
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.AccessChanged) onPlacementChanged();
    };
    session.provider.on('connection-close', onClose);
    return () => session.provider.off('connection-close', onClose);
  }, [session, onPlacementChanged]);
  const facts = useConnection(session);
  const [view, setView] = useState<EditorView | null>(null);
  const [doc, setDoc] = useState<Node | null>(null);
  // Bumped on every state change so the toolbar re-checks which commands apply where the caret now is.
  const [revision, setRevision] = useState(0);
  const lastDoc = useRef<Node | null>(null);

  useEffect(() => {
    if (facts?.refused?.code !== CloseCode.RuleViolation) return;
    setResynced(facts.refused.reason);
    setGeneration((g) => g + 1);
  }, [facts?.refused]);

  // Proposals: the records and positions of this session's document, and the chair's decisions.
  const store = useMemo(() => (session ? new ProposalStore(session.ydoc) : null), [session]);
  useEffect(() => () => store?.destroy(), [store]);
  const emptyInfo = useMemo(() => ({ records: new Map(), positions: new Map(), lines: new Map() }), []);
  const info = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.get ?? (() => emptyInfo));
  const decisions = useMemo(
    () => (session && principal.role === 'chair' ? new Decisions(session.ydoc) : null),
    [session, principal.role],
  );
  useEffect(() => () => decisions?.destroy(), [decisions]);
  const [undoable, setUndoable] = useState(false);

  // Delegates always propose (PR1); the chair edits directly unless it chooses to propose (PR6).
  const [chairProposes, setChairProposes] = useState(false);
  const proposing = principal.role === 'delegate' || (principal.role === 'chair' && chairProposes);
  const contextRef = useRef<() => ProposalContext | null>(() => null);
  contextRef.current = () => {
    if (!proposing || !session || !store) return null;
    return {
      delegation: principal.delegation,
      records: store.get().records,
      // PR13: one's own proposal's text that another delegation bracketed is not removed.
      brackets: brackets.records,
      allocate: () =>
        createProposal(session.ydoc, {
          delegation: principal.role === 'chair' ? null : principal.delegation,
          personId: principal.personId,
          personName: principal.name,
        }).id,
    };
  };
  const source = useCallback(() => contextRef.current(), []);
  // PR14: the chair's direct edits are recorded, marked unless "Mark my edits" is off (a mechanical fix).
  const [markEdits, setMarkEdits] = useState(true);
  const recorderRef = useRef<ChairEditSource>(() => null);
  recorderRef.current = () =>
    principal.role === 'chair' && !proposing && editable
      ? { personId: principal.personId, name: principal.name, marked: markEdits }
      : null;
  const chairEditSource = useCallback(() => recorderRef.current(), []);
  const proposals = useMemo(
    () => ({ source, info, chairEdits: chairEditSource }),
    [source, info, chairEditSource],
  );
  const chairEditStore = useMemo(() => (session ? new ChairEditStore(session.ydoc) : null), [session]);
  useEffect(() => () => chairEditStore?.destroy(), [chairEditStore]);
  const chairEdits = useSyncExternalStore(
    chairEditStore?.subscribe ?? noSubscription,
    chairEditStore?.get ?? (() => NO_CHAIR_EDITS),
  );
  useEffect(() => {
    if (view && chairEditsKey.getState(view.state)?.edits !== chairEdits)
      view.dispatch(view.state.tr.setMeta(chairEditsKey, chairEdits));
  }, [view, chairEdits]);

  // Brackets (BR) and paragraph status (SS).
  const brackets = useBrackets(session, principal, editable);
  const { records: bracketRecords, setNotice } = brackets;
  useEffect(() => {
    if (view && bracketsKey.getState(view.state)?.records !== bracketRecords) {
      view.dispatch(view.state.tr.setMeta(bracketsKey, bracketRecords));
    }
  }, [view, bracketRecords]);
  // Like the other side panels, counts and the Brackets panel follow the text every PANEL_REFRESH_MS at most
  // (`doc`), not on every keystroke: the plugin's scan is reused when it is of that same document.
  const scan = useMemo(() => {
    if (!doc) return null;
    const state = view ? bracketsKey.getState(view.state) : undefined;
    return view?.state.doc === doc && state ? state.scan : scanBrackets(doc);
  }, [doc, view]);
  const statusCounts = useMemo(() => (doc ? statusPerArticle(doc) : new Map()), [doc]);
  const bracketCounts = useMemo(() => new Map(scan?.perArticle.map((a) => [a.key, a]) ?? []), [scan]);
  const isOpenProposal = (id: string) => info.records.get(id)?.status === 'open';
  const by = { personId: principal.personId, name: principal.name };
  const resolve = (request: BracketResolutionRequest) => {
    if (!session || !decisions) return false;
    const done = resolveBracket(session.ydoc, request, by);
    setUndoable(decisions.canUndo);
    return done;
  };
  // BR1: who asked for the bracket at the caret, for keyboard users (hover shows it as a title too).
  const caretBracketId = view ? innermostBracketAt(view.state) : null;
  const caretBracketSpan = caretBracketId ? scan?.byId.get(caretBracketId) : undefined;
  const caretBracket = caretBracketSpan ? `In ${bracketDescription(caretBracketSpan, bracketRecords)}` : '';
  const caretParagraph = view ? paragraphAtCaret(view.state) : null;
  const caretNumber =
    caretParagraph && view
      ? ((numberingKey
          .getState(view.state)
          ?.find(caretParagraph.pos, caretParagraph.pos + 1, (spec) => 'label' in spec)
          .find((d) => d.from === caretParagraph.pos)?.spec.label as string | undefined) ?? '')
      : '';

  useEffect(() => {
    if (view && proposalDecorationsKey.getState(view.state)?.info !== info) {
      view.dispatch(view.state.tr.setMeta(proposalDecorationsKey, info));
    }
  }, [view, info]);

  // The side panels (outline, proposals, title) walk the whole document, and a render of the room costs a
  // frame's worth in a long treaty: they follow the text at most every PANEL_REFRESH_MS, not on every keystroke
  // and remote edit. The toolbar follows one's own changes (the caret) once they pause for TOOLBAR_SETTLE_MS:
  // every React commit while the editor has focus walks the editor's whole DOM (React measures the selection of
  // a focused contenteditable), which is not a cost to pay between two keystrokes (issue 7's keystroke budget).
  const panelTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const toolbarTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      clearTimeout(panelTimer.current ?? undefined);
      clearTimeout(toolbarTimer.current ?? undefined);
    },
    [],
  );
  // A refusal said at the caret stays until one's next accepted edit or move to another line, or until dismissed.
  const noticeShown = useRef(false);
  noticeShown.current = brackets.notice !== null;
  const lastSelection = useRef<EditorState['selection'] | null>(null);
  const onState = useCallback(
    (state: EditorState, remote: boolean) => {
      const changed = state.doc !== lastDoc.current;
      const first = lastDoc.current === null;
      // Moving within the line one was refused in keeps the notice (a Home key's selection may arrive late).
      const moved =
        lastSelection.current !== null && !state.selection.$head.sameParent(lastSelection.current.$head);
      lastSelection.current = state.selection;
      if (!remote && !first && (changed || moved) && noticeShown.current) {
        noticeShown.current = false;
        setNotice(null);
      }
      lastDoc.current = state.doc;
      if (first) setDoc(state.doc);
      // Both as transitions: React renders them in slices and lets a keystroke that arrives meanwhile go first.
      if (!remote) {
        clearTimeout(toolbarTimer.current ?? undefined);
        toolbarTimer.current = setTimeout(() => {
          toolbarTimer.current = null;
          startTransition(() => setRevision((r) => r + 1));
        }, TOOLBAR_SETTLE_MS);
      }
      if ((changed && !first) || remote)
        panelTimer.current ??= setTimeout(() => {
          panelTimer.current = null;
          startTransition(() => {
            setDoc(lastDoc.current);
            setRevision((r) => r + 1);
          });
        }, PANEL_REFRESH_MS);
    },
    [setNotice],
  );

  const goToPos = useCallback(
    (pos: number) => {
      if (!view) return;
      const $pos = view.state.doc.resolve(Math.min(pos + 1, view.state.doc.content.size));
      view.dispatch(view.state.tr.setSelection(TextSelection.near($pos)).scrollIntoView());
      view.focus();
    },
    [view],
  );
  const stepBracket = useCallback(
    (dir: 1 | -1) => {
      const current = view ? bracketsKey.getState(view.state)?.scan : null;
      if (!view || !current) return;
      const target = nextBracketStop(bracketStops(view.state.doc, current), view.state.selection.head, dir);
      if (target === null) return;
      view.dispatch(
        view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(target))).scrollIntoView(),
      );
      view.focus();
    },
    [view],
  );
  const stepProposal = useCallback(
    (dir: 1 | -1) => {
      if (!view) return;
      const rows = proposalRows(view.state.doc, info).filter((row) => row.record.status === 'open');
      const target = nextProposalPos(rows, view.state.selection.head, dir);
      if (target !== null) goToPos(target);
    },
    [view, info, goToPos],
  );

  // PR10: the attribution of the proposal at the caret, for keyboard users (hover shows it as a title too).
  let caretProposal: string | null = null;
  if (view) {
    const { $head } = view.state.selection;
    const marks = [...($head.nodeBefore?.marks ?? []), ...($head.nodeAfter?.marks ?? [])];
    const mark = marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');
    if (mark) {
      const id = String(mark.attrs.proposal);
      const status = info.records.get(id)?.status ?? 'open';
      caretProposal = `${mark.type.name === 'insertion' ? 'Proposed insertion' : 'Proposed deletion'} by ${info.lines.get(id) ?? 'an unknown delegation'} (${status})`;
    }
  }

  const tools: ToolDef[] = proposing
    ? [
        {
          label: 'Propose a new paragraph',
          keys: 'Enter',
          command: proposalCommand(source, proposeNewParagraph),
        },
        { label: 'Propose a new article', command: proposalCommand(source, proposeNewArticle) },
        {
          label: 'Propose deleting the paragraph',
          command: proposalCommand(source, proposeBlockDeletion),
        },
        ...bracketTools(brackets.source, brackets.wiring.openDialog),
        ...HISTORY_TOOLS,
      ]
    : [
        { label: 'New paragraph', keys: 'Enter at the end of a paragraph', command: insertParagraph },
        { label: 'New article', keys: `${MOD_KEY}+Alt+A`, shortcut: 'Control+Alt+A', command: insertArticle },
        ...bracketTools(brackets.source, brackets.wiring.openDialog),
        ...HISTORY_TOOLS,
      ];

  const title = treatyTitleOf(doc) || fallbackTitle;
  useEffect(() => {
    document.title = `${title} — Travaux`;
  }, [title]);

  const goTo = useCallback(
    (entry: OutlineEntry) => {
      if (!view) return;
      const pos = locateEntry(view.state.doc, entry);
      if (pos === null) return;
      const selection = headingSelection(view.state.doc, pos);
      view.dispatch(view.state.tr.setSelection(selection));
      view.focus();
      // Put the heading at the top of the viewport rather than just barely on screen.
      const element = view.nodeDOM(pos);
      if (element instanceof HTMLElement) element.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
    [view],
  );

  const ready = session !== null && facts?.everSynced === true;
  return (
    <div className="room">
      <AppHeader title={title} skipTo="treaty-text">
        <Link href={`/d/${documentId}/revisions`} className="header-link">
          Revisions
        </Link>
        <Link href={`/d/${documentId}/view?mode=clean`} className="header-link">
          Clean view
        </Link>
        <Link href={`/d/${documentId}/view?mode=bracketed`} className="header-link">
          Bracketed view (print)
        </Link>
        <ConnectionStatus facts={facts} />
      </AppHeader>
      <div className="room-body">
        <aside className="room-side room-start" aria-label="Outline of the text">
          <Outline doc={doc} onGo={goTo} brackets={bracketCounts} statuses={statusCounts} />
        </aside>
        <main
          id="main"
          className="room-main"
          aria-busy={!ready}
          onKeyDown={(event) => {
            if (!event.altKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
            event.preventDefault();
            // Alt+↑/↓: proposals; Alt+Shift+↑/↓: brackets (BR8 navigation).
            const step = event.shiftKey ? stepBracket : stepProposal;
            step(event.key === 'ArrowDown' ? 1 : -1);
          }}
        >
          {facts?.refused && (
            <div className="refusal-notice" role="alert">
              <p>{refusalLabel(facts.refused)}.</p>
              {facts.refused.code === CloseCode.Unauthorized && (
                <button type="button" onClick={() => sessionStore.signOut()}>
                  Sign in again
                </button>
              )}
            </div>
          )}
          {resynced && (
            <div className="refusal-notice" role="alert">
              <p>
                The server refused an edit ({resynced}). The text was reloaded from the server; your last
                change may need to be made again.
              </p>
              <button type="button" onClick={() => setResynced(null)}>
                Dismiss
              </button>
            </div>
          )}
          {principal.role === 'chair' && <RepairNotice documentId={documentId} />}
          <BracketCounts counts={scan?.total ?? null} onStep={stepBracket} caretNote={caretBracket} />
          {editable ? (
            <>
              <div className="mode-bar">
                <p className="mode-label" aria-live="polite">
                  {proposing
                    ? `Proposal mode: your changes are proposals of ${principal.role === 'chair' ? 'the Chair' : 'your delegation'}.`
                    : 'Direct editing: your changes go straight into the text.'}
                </p>
                {principal.role === 'chair' && (
                  <button
                    type="button"
                    aria-pressed={chairProposes}
                    onClick={() => setChairProposes((p) => !p)}
                  >
                    Propose as the Chair
                  </button>
                )}
                {principal.role === 'chair' && !chairProposes && (
                  <button type="button" aria-pressed={markEdits} onClick={() => setMarkEdits((m) => !m)}>
                    Mark my edits
                  </button>
                )}
                <button type="button" onClick={() => stepProposal(-1)} aria-keyshortcuts="Alt+ArrowUp">
                  Previous proposal
                </button>
                <button type="button" onClick={() => stepProposal(1)} aria-keyshortcuts="Alt+ArrowDown">
                  Next proposal
                </button>
                <CompilationDialog documentId={documentId} />
                <p className="caret-proposal" aria-live="polite">
                  {caretProposal ?? ''}
                </p>
              </div>
              <Toolbar view={view} tools={tools} revision={revision} />
            </>
          ) : (
            <p className="read-only-notice" id="read-only-notice">
              {archivedAt !== null ? (
                <>
                  <strong>Archived.</strong> This document was archived on{' '}
                  <time dateTime={archivedAt}>{new Date(archivedAt).toLocaleString('en-GB')}</time>: everyone
                  can read it; nobody can change it.
                </>
              ) : (
                <>
                  <strong>Read only.</strong> As{' '}
                  {principal.role === 'observer' ? 'an observer' : 'the convenor'} you follow the text live;
                  you cannot change it.
                </>
              )}
            </p>
          )}
          {ready && session ? (
            <div className="treaty-stage">
              <TreatyEditor
                key={generation}
                session={session}
                editable={editable}
                proposals={proposals}
                brackets={brackets.wiring}
                onView={setView}
                onState={onState}
              />
              <CaretNotice view={view} refusal={brackets.notice} onDismiss={() => setNotice(null)} />
            </div>
          ) : (
            <p className="muted loading">Loading the text…</p>
          )}
        </main>
        <aside className="room-side room-end" aria-label="People, status, brackets and proposals">
          {session && <PresencePanel awareness={session.provider.awareness} />}
          <AgreementPanels
            view={view}
            ydoc={session?.ydoc ?? null}
            viewer={principal}
            caretNumber={caretNumber}
            scan={scan}
            records={bracketRecords}
            isOpenProposal={isOpenProposal}
            onGo={goToPos}
            {...(decisions
              ? {
                  onResolve: (request: BracketResolutionRequest) => {
                    resolve(request);
                  },
                  onMerge: (key: string) => brackets.setDialog({ kind: 'merge', key }),
                }
              : {})}
          />
          {session && (
            <ChairEditsList
              edits={chairEdits}
              {...(principal.role === 'chair' && editable && view
                ? {
                    onUndo: (edit: ChairEdit, redo: boolean) =>
                      undoChairEdit(
                        view,
                        session.ydoc,
                        edit,
                        { personId: principal.personId, name: principal.name },
                        redo,
                      ),
                  }
                : {})}
            />
          )}
          {session && (
            <ProposalPanel
              doc={doc}
              info={info}
              principal={principal}
              onGo={goToPos}
              onStance={(id: string, stance: Stance) =>
                principal.delegation &&
                toggleStance(session.ydoc, id, principal.delegation, principal.personId, stance)
              }
              onNote={(id: string, note: string) => {
                const record = info.records.get(id);
                if (record) setNote(session.ydoc, record, note);
              }}
              onWithdraw={(id: string) => {
                const record = info.records.get(id);
                if (record)
                  withdrawProposal(session.ydoc, record, {
                    personId: principal.personId,
                    name: principal.name,
                  });
              }}
              {...(decisions
                ? {
                    onDecide: (ids: readonly string[], verdict: 'accept' | 'reject' | 'supersede') => {
                      decisions.decide(ids, verdict, { personId: principal.personId, name: principal.name });
                      setUndoable(decisions.canUndo);
                    },
                    onUndoDecision: () => {
                      decisions.undo();
                      setUndoable(decisions.canUndo);
                    },
                    canUndoDecision: undoable,
                  }
                : {})}
            />
          )}
        </aside>
      </div>
      <BracketDialogs
        dialog={brackets.dialog}
        view={view}
        scan={scan}
        source={brackets.source}
        proposals={source}
        onMerge={(key, wording) => resolve({ kind: 'merge', key, wording })}
        onClose={() => brackets.setDialog(null)}
      />
    </div>
  );
}

const noSubscription = () => () => {};

/**
 * How often the side panels catch up with the text while it changes. Each catch-up renders the room and walks
 * the treaty (outline, counts, proposals), in slices of a few milliseconds, and a keystroke that comes during a
 * slice waits for it. With 20 delegations typing in the 30,000-word convention, keystroke-to-paint p95 was 14.8
 * to 18.6 ms at 150 ms and 14.1 to 16.0 ms at 400 (three interleaved runs each).
 */
const PANEL_REFRESH_MS = 400;
/** How long one's own changes (typing, moving the caret) pause before the toolbar catches up with them. */
const TOOLBAR_SETTLE_MS = 80;
