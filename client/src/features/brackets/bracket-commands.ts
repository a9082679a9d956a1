import {
  addOption,
  addParagraphAlternative,
  BRACKET_REFUSAL,
  type BracketContext,
  type BracketScan,
  bracketBlock,
  bracketSelection,
  checkBracketBlock,
  checkBracketRange,
  innermostBracketAt,
  type ProposalContext,
  statusAt,
  statusBlockAt,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { bracketsKey } from './bracket-decorations.ts';
import { blockEdges } from './bracket-markers.ts';

/** Where bracket editing gets its context; null when this person cannot bracket (an observer). */
export type BracketContextSource = () => BracketContext | null;

/** Marks a transaction as a bracket edit, so proposal mode lets it through (BR2 is not a proposal). */
export function asBracketEdit(tr: Transaction): Transaction {
  return tr.setMeta(bracketsKey, 'edit');
}

/** BR2, BR3, SS3: why the selection cannot be bracketed, or null when it can. */
export function bracketSelectionRefusal(state: EditorState): string | null {
  const { from, to } = state.selection;
  const refusal = checkBracketRange(state.doc, from, to);
  return refusal ? BRACKET_REFUSAL[refusal] : null;
}

/** BR2: why the paragraph (or article) at the caret cannot be bracketed, or null when it can. */
export function bracketBlockRefusal(state: EditorState, article: boolean): string | null {
  const refusal = checkBracketBlock(state, article);
  return refusal ? BRACKET_REFUSAL[refusal] : null;
}

/** BR2: brackets the selection, with an optional reason. */
export function bracketSelectionCommand(source: BracketContextSource, reason = ''): Command {
  return (state, dispatch) => {
    const ctx = source();
    if (!ctx || bracketSelectionRefusal(state) !== null) return false;
    if (!dispatch) return true;
    const tr = bracketSelection(state, ctx, reason);
    if (!tr) return false;
    dispatch(asBracketEdit(tr).scrollIntoView());
    return true;
  };
}

/** BR2: brackets the paragraph, or with `article` the article, holding the caret. */
export function bracketBlockCommand(source: BracketContextSource, article: boolean, reason = ''): Command {
  return (state, dispatch) => {
    const ctx = source();
    if (!ctx || bracketBlockRefusal(state, article) !== null) return false;
    if (!dispatch) return true;
    const tr = bracketBlock(state, ctx, article, reason);
    if (!tr) return false;
    dispatch(asBracketEdit(tr));
    return true;
  };
}

/** What "Add alternative" works on: a fresh selection to bracket, or the bracket around the caret. */
export type OptionTarget = { readonly kind: 'selection' } | { readonly kind: 'bracket'; readonly id: string };

/** BR5: the target of "Add alternative" here, or the reason there is none. */
export function optionTarget(state: EditorState): OptionTarget | string {
  if (!state.selection.empty) {
    const refusal = bracketSelectionRefusal(state);
    if (refusal) return refusal;
    return { kind: 'selection' };
  }
  const id = innermostBracketAt(state);
  if (!id) return 'Select the text to offer an alternative to, or put the caret inside a bracket.';
  if (statusAt(state.selection.$head) !== 'open') return BRACKET_REFUSAL['not-open'];
  return { kind: 'bracket', id };
}

/** BR5: why a paragraph alternative cannot be added at the caret, or null. */
export function paragraphAltRefusal(state: EditorState): string | null {
  const block = statusBlockAt(state.selection.$head);
  if (!block) return 'Put the caret in a paragraph to offer an alternative paragraph.';
  if (statusAt(state.selection.$head) !== 'open') return BRACKET_REFUSAL['not-open'];
  return null;
}

/**
 * BR5: adds `text` as an option where "Add alternative" points, as a proposal of the delegation when
 * `proposals` is given (PR1). The transaction, or null when nothing could be added.
 */
export function addOptionHere(
  state: EditorState,
  text: string,
  ctx: BracketContext,
  proposals: ProposalContext | null,
  reason: string,
): Transaction | null {
  const target = optionTarget(state);
  if (typeof target === 'string') return null;
  const tr = addOption(state, text, target.kind === 'bracket' ? target.id : null, ctx, proposals, reason);
  return tr ? asBracketEdit(tr) : null;
}

/** BR5, NU8: adds a paragraph alternative ("5 alt") after the paragraph at the caret. */
export function addParagraphAltHere(
  state: EditorState,
  text: string,
  ctx: BracketContext,
  proposals: ProposalContext | null,
  reason: string,
): Transaction | null {
  if (paragraphAltRefusal(state) !== null) return null;
  const tr = addParagraphAlternative(state, text, ctx, proposals, reason);
  return tr ? asBracketEdit(tr) : null;
}

/**
 * Where "next bracket" puts the caret for each bracket: just inside an inline bracket, at the start of a
 * bracketed block's text. Sorted, without duplicates.
 */
export function bracketStops(doc: Node, scan: BracketScan): number[] {
  const stops = scan.spans.map((span) =>
    span.kind === 'inline'
      ? Math.min(span.from + 1, span.to)
      : (blockEdges(doc, span.from)?.start ?? span.from),
  );
  return [...new Set(stops)].sort((a, b) => a - b);
}

/** The next stop after `pos` (dir 1) or before it (dir -1), wrapping around; null when there is none. */
export function nextBracketStop(stops: readonly number[], pos: number, dir: 1 | -1): number | null {
  if (stops.length === 0) return null;
  if (dir > 0) return stops.find((p) => p > pos) ?? stops[0]!;
  return [...stops].reverse().find((p) => p < pos) ?? stops[stops.length - 1]!;
}
