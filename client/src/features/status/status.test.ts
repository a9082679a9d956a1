import { parseTreatyText, treatySchema } from '@travaux/shared';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { changePackage, changeStatus } from './status-commands.ts';
import { statusLabel, statusPerArticle, statusSummaryText } from './status-label.ts';
import { frozenTouchedBy } from './status-plugin.ts';

const TEXT = `Draft

Article 1
Scope
1. This applies.
2. Nothing else.
`;

function caretIn(needle: string, state?: EditorState): EditorState {
  let current = state;
  if (!current) {
    const parsed = parseTreatyText(TEXT);
    if (!parsed.ok) throw new Error(parsed.error.message);
    current = EditorState.create({ schema: treatySchema, doc: parsed.doc });
  }
  let at = -1;
  current.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(needle)) at = pos + node.text!.indexOf(needle);
    return at < 0;
  });
  return current.apply(current.tr.setSelection(TextSelection.create(current.doc, at)));
}

const noProposals = () => false;

function agreed(status: 'informals' | 'adref', pending: string[] = []): EditorState {
  const state = caretIn('This applies');
  const tr = changeStatus(state, status, noProposals, pending as never);
  if (typeof tr === 'string') throw new Error(tr);
  return state.apply(tr);
}

describe('paragraph status in the editor (SS)', () => {
  it('SS6: the margin says the status, with the delegations an agreement in informals waits for', () => {
    const state = agreed('informals', ['USA', 'CHN']);
    const paragraph = state.doc.nodeAt(state.selection.$head.before(2))!;
    expect(statusLabel(paragraph)).toBe('Agreed in informals, pending United States of America, China');
    expect(statusLabel(agreed('adref').selection.$head.node(2))).toBe('Agreed ad ref');
  });

  it('SS3: a change inside a paragraph that is not open is caught; elsewhere it passes', () => {
    const state = agreed('adref');
    expect(frozenTouchedBy(state.tr.insertText('x', state.selection.from))).toBe('adref');
    const elsewhere = caretIn('Nothing', state);
    expect(frozenTouchedBy(elsewhere.tr.insertText('x', elsewhere.selection.from))).toBeNull();
  });

  it('SS4: a paragraph with an open proposal is refused with a sentence', () => {
    const state = caretIn('This applies');
    const tr = state.tr.addMark(
      state.selection.from,
      state.selection.from + 4,
      treatySchema.marks.insertion.create({ proposal: 'p1' }),
    );
    const marked = state.apply(tr);
    expect(changeStatus(marked, 'adref', (id) => id === 'p1')).toMatch(/open proposals/);
  });

  it('SS5: a paragraph joins a package only with the package status', () => {
    let state = agreed('adref');
    const tied = changePackage(state, 'P1');
    if (typeof tied === 'string') throw new Error(tied);
    state = caretIn('Nothing', state.apply(tied));
    expect(changePackage(state, 'P1')).toMatch(/agreed ad ref: give this paragraph that status first/);
  });

  it('SS6: the outline counts the agreed paragraphs of each article', () => {
    const state = agreed('adref');
    const [counts] = [...statusPerArticle(state.doc).values()];
    expect(statusSummaryText(counts)).toBe('1 of 2 paragraphs agreed (1 ad ref)');
  });
});
