import { delegationById } from '@travaux/shared';

/**
 * What the editor says where one types when it refuses an edit, in one place (issue 21 translates them). Each
 * names the rule it enforces; the notice at the caret shows the sentence and announces it to screen readers.
 */
export const REFUSAL_MESSAGES = {
  /** AC8: observers and the convenor read the text live but never write. */
  readOnly: 'You follow this text as a reader: it cannot be changed from this seat.',
  /** PR1: a proposal is an edit inside one paragraph. */
  acrossBlocks: 'A proposal changes text within one paragraph: select text inside a single paragraph.',
  /** PR1: titles and headings are the chair's (proposal mode types into paragraph text only). */
  notText: 'This line takes no proposals: type in the text of a paragraph.',
  /** PR2: proposal mode never joins paragraphs. */
  blockEdge:
    'A proposal does not join paragraphs. To propose removing this paragraph, use “Propose deleting the paragraph”.',
  /** BR3: deleting past a bracket's edge would change text outside it. */
  bracketEdge: 'Deleting stops at the edge of a bracket: the text beyond it is outside the bracket.',
} as const;

/** PR3: what the editor says when one tries to delete another delegation's proposed text. */
export function othersProposalMessage(delegation: string | null): string {
  const owner = delegation === null ? 'the Chair' : (delegationById(delegation)?.name ?? delegation);
  return `This text is a proposal of ${owner}: only they can change it. Support or oppose it in the review pane.`;
}

/** BR3, BR5: said when Backspace or Delete reaches an option's edge. */
export function optionEdgeMessage(option: number): string {
  return `Deleting stops at the edge of Option ${option}: the text beyond it belongs to the text around the option.`;
}
