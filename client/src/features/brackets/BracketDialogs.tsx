import type { BracketScan, ProposalContext } from '@travaux/shared';
import type { EditorView } from 'prosemirror-view';
import {
  addOptionHere,
  addParagraphAltHere,
  type BracketContextSource,
  optionTarget,
} from './bracket-commands.ts';
import { mergeDraft } from './bracket-list.ts';
import type { OpenDialog } from './use-brackets.ts';
import { WordingDialog } from './WordingDialog.tsx';

interface BracketDialogsProps {
  readonly dialog: OpenDialog | null;
  readonly view: EditorView | null;
  readonly scan: BracketScan | null;
  readonly source: BracketContextSource;
  /** The proposal context of a delegate (an option's text is a proposal, PR1); null for the chair editing. */
  readonly proposals: () => ProposalContext | null;
  /** The chair's merge (BR6); returns whether it happened. */
  readonly onMerge: (key: string, wording: string) => boolean;
  readonly onClose: () => void;
}

/** The option, paragraph-alt and merge dialogs of the room; the edits themselves are the feature's commands. */
export function BracketDialogs({
  dialog,
  view,
  scan,
  source,
  proposals,
  onMerge,
  onClose,
}: BracketDialogsProps) {
  const addHere = (text: string, reason: string): string | null => {
    const ctx = source();
    if (!view || !ctx) return 'You cannot add alternatives here.';
    const target = optionTarget(view.state);
    if (dialog?.kind === 'option' && typeof target === 'string') return target;
    const tr =
      dialog?.kind === 'paragraph-alt'
        ? addParagraphAltHere(view.state, text, ctx, proposals(), reason)
        : addOptionHere(view.state, text, ctx, proposals(), reason);
    if (!tr) return 'The alternative could not be added here.';
    view.dispatch(tr);
    view.focus();
    return null;
  };
  const newBracket = dialog?.kind === 'option' && view ? !view.state.selection.empty : true;
  return (
    <>
      <WordingDialog
        title={
          dialog?.kind === 'option'
            ? 'Add alternative'
            : dialog?.kind === 'paragraph-alt'
              ? 'Add paragraph alt'
              : null
        }
        label={dialog?.kind === 'paragraph-alt' ? 'Alternative paragraph' : 'Alternative wording'}
        hint={
          dialog?.kind === 'paragraph-alt'
            ? 'The paragraph is bracketed and your text follows it as its “alt”.'
            : newBracket
              ? 'The selected text is bracketed and your wording becomes the next option.'
              : 'Your wording becomes the next option of the bracket at the caret.'
        }
        withReason={newBracket}
        submitLabel="Add"
        onSubmit={addHere}
        onClose={onClose}
      />
      <WordingDialog
        title={dialog?.kind === 'merge' ? 'Merge options' : null}
        label="Compromise wording"
        hint="The options are replaced by this wording, recorded as derived from all of them."
        initial={dialog?.kind === 'merge' && scan ? mergeDraft(scan, dialog.key) : ''}
        withReason={false}
        submitLabel="Merge"
        onSubmit={(text) =>
          dialog?.kind === 'merge' && onMerge(dialog.key, text) ? null : 'The options could not be merged.'
        }
        onClose={onClose}
      />
    </>
  );
}
