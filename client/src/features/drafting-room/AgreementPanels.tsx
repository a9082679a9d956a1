import { type BracketScan, type DelegationId, setBracketReason } from '@travaux/shared';
import type { EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import { type BracketResolutionRequest, liftOwnBracket } from '../brackets/actions.ts';
import { BracketPanel } from '../brackets/BracketPanel.tsx';
import type { BracketViewer } from '../brackets/bracket-list.ts';
import type { BracketRecords } from '../brackets/bracket-store.ts';
import { StatusControl } from '../status/StatusControl.tsx';
import { changePackage, changeStatus, paragraphAtCaret } from '../status/status-commands.ts';

interface AgreementPanelsProps {
  readonly view: EditorView | null;
  /** The document's Y.Doc, null before the session opens (nothing to write then). */
  readonly ydoc: Y.Doc | null;
  readonly viewer: BracketViewer & { readonly personId: string; readonly name: string };
  /** The number the caret's paragraph reads with ("2."), for the status panel. */
  readonly caretNumber: string;
  readonly scan: BracketScan | null;
  readonly records: BracketRecords;
  readonly isOpenProposal: (id: string) => boolean;
  readonly onGo: (pos: number) => void;
  /** The chair's resolutions (BR6) and merge dialog; absent for everyone else. */
  readonly onResolve?: (request: BracketResolutionRequest) => void;
  readonly onMerge?: (key: string) => void;
}

/**
 * The side panels of agreement: the status of the paragraph at the caret (the chair sets it, SS2) and the
 * brackets of the text with their owners, counts and history (BR); each action is wired to its command here,
 * so the room only places the panels.
 */
export function AgreementPanels(props: AgreementPanelsProps) {
  const { view, ydoc, viewer, scan, records, isOpenProposal, onGo, onResolve, onMerge } = props;
  const caretParagraph = view ? paragraphAtCaret(view.state) : null;
  const writer = ydoc !== null && (viewer.role === 'delegate' || viewer.role === 'chair');
  return (
    <>
      <StatusControl
        paragraph={caretParagraph ? { node: caretParagraph.node, number: props.caretNumber } : null}
        isChair={viewer.role === 'chair'}
        onStatus={(status, pending) => {
          if (!view) return 'The text is not loaded yet.';
          const result = changeStatus(view.state, status, isOpenProposal, pending);
          if (typeof result === 'string') return result;
          view.dispatch(result);
          return null;
        }}
        onPackage={(name) => {
          if (!view) return 'The text is not loaded yet.';
          const result = changePackage(view.state, name);
          if (typeof result === 'string') return result;
          view.dispatch(result);
          return null;
        }}
      />
      <BracketPanel
        scan={scan}
        records={records}
        viewer={viewer}
        onGo={onGo}
        {...(onResolve ? { onResolve } : {})}
        {...(onMerge ? { onMerge } : {})}
        {...(ydoc && viewer.role === 'delegate'
          ? {
              onLift: (id: string) => {
                liftOwnBracket(ydoc, id, {
                  personId: viewer.personId,
                  name: viewer.name,
                  delegation: viewer.delegation as DelegationId | null,
                });
              },
            }
          : {})}
        {...(writer
          ? {
              onReason: (id: string, reason: string) => {
                const record = records.get(id);
                if (record) setBracketReason(ydoc, record, reason);
              },
            }
          : {})}
      />
    </>
  );
}
