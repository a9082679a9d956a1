import { parseTreatyText, scanBrackets, treatySchema } from '@travaux/shared';
import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import {
  type BracketsState,
  bracketDecorations,
  bracketsPlugin,
} from '../features/brackets/bracket-decorations.ts';
import { numberingPlugin } from '../features/numbering/numbering-plugin.ts';
import {
  proposalDecorations,
  proposalDecorationsPlugin,
} from '../features/proposals/proposal-decorations.ts';
import type { ProposalInfo } from '../features/proposals/proposal-store.ts';
import { statusDecorations, statusPlugin } from '../features/status/status-plugin.ts';
import { changedRange, textblockChanges } from './block-decorations.ts';

const TEXT = [
  'Draft convention',
  '',
  'Preamble',
  'Recalling the charter,',
  'Noting the work done,',
  '',
  'Article 1',
  'Scope',
  '1. This [convention] applies to [all [of them]].',
  '(a) in peace;',
  '(b) in war.',
  '[2. Nothing [else] applies.]',
  '',
  'Article 2',
  'Terms',
  'Terms are defined here. {ad ref}',
  '',
].join('\n');

const info: ProposalInfo = { records: new Map(), positions: new Map(), lines: new Map() };
const records = new Map();

function initial(): EditorState {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return EditorState.create({
    schema: treatySchema,
    doc: parsed.doc,
    plugins: [
      numberingPlugin(),
      proposalDecorationsPlugin(info),
      bracketsPlugin(records),
      statusPlugin(() => {}),
    ],
  });
}

/** Decorations as comparable values, in document order. */
function listed(set: DecorationSet | undefined, doc: Node): string[] {
  return (set?.find(0, doc.content.size) ?? [])
    .map((d) =>
      JSON.stringify([
        d.from,
        d.to,
        (d as unknown as { type: { attrs?: unknown } }).type.attrs,
        (d.spec as { key?: unknown }).key,
      ]),
    )
    .sort();
}

/** Text positions (inside textblocks) of `doc`. */
function textPositions(doc: Node): number[] {
  const out: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) out.push(pos + 1 + i);
    return !node.isTextblock;
  });
  return out;
}

type Edit = (state: EditorState, at: number, n: number) => Transaction;
const insertion = (id: string) => treatySchema.marks.insertion.create({ proposal: id });
const EDITS: Edit[] = [
  (state, at) => state.tr.insertText('x', at),
  (state, at) => state.tr.insert(at, treatySchema.text(' new', [insertion('pr1')])),
  (state, at, n) => state.tr.delete(at, Math.min(at + n, state.doc.resolve(at).end())),
  (state, at) => state.tr.split(at),
  // Across block boundaries: joins paragraphs, removes blocks.
  (state, at, n) => state.tr.delete(at, Math.min(at + n * 4, state.doc.content.size)),
  (state, at, n) => {
    const $at = state.doc.resolve(at);
    return state.tr.addMark($at.start(), Math.min($at.start() + n, $at.end()), insertion('pr2'));
  },
  (state, at, n) => {
    const $at = state.doc.resolve(at);
    const bracket = treatySchema.marks.bracket!.create({ id: `b${at}x${n}`, group: null });
    return state.tr.addMark(at, Math.min(at + n, $at.end()), bracket);
  },
  // y-prosemirror applies every remote change by replacing the whole document with mostly the same nodes.
  (state, at) => {
    const changed = state.tr.insertText('y', at).doc;
    return state.tr.replaceWith(0, state.doc.content.size, changed.content);
  },
  // A remote batch of several delegations' typing: text in several textblocks, replaced whole.
  (state, at, n) => {
    const positions = textPositions(state.doc);
    const others = [
      at,
      positions[(at * 7 + n) % positions.length]!,
      positions[(at * 13) % positions.length]!,
    ];
    const tr = state.tr;
    for (const pos of [...new Set(others)].sort((x, y) => y - x)) {
      if (n % 2 === 0) tr.insertText('ab', pos);
      else tr.delete(pos, Math.min(pos + 2, state.doc.resolve(pos).end()));
    }
    return state.tr.replaceWith(0, state.doc.content.size, tr.doc.content);
  },
];

describe('incremental decorations', () => {
  it('finds the changed span by node identity, also when the whole document was replaced', () => {
    const state = initial();
    const at = textPositions(state.doc)[20]!;
    const typed = state.tr.insertText('#%&', at).doc;
    expect(changedRange(state.doc, typed)).toEqual({ from: at, toBefore: at, toAfter: at + 3 });
    const replaced = state.tr.replaceWith(0, state.doc.content.size, typed.content).doc;
    expect(changedRange(state.doc, replaced)).toEqual({ from: at, toBefore: at, toAfter: at + 3 });
    expect(textblockChanges(state.doc, replaced)).toEqual([
      { from: at, toBefore: at, fromAfter: at, toAfter: at + 3 },
    ]);
    expect(textblockChanges(state.doc, state.tr.split(at).doc)).toBe('structure');
    expect(textblockChanges(state.doc, state.doc)).toBeNull();
  });

  it('finds each textblock typed in when several change in one transaction, as remote batches do', () => {
    const state = initial();
    const positions = textPositions(state.doc);
    const [a, b, c] = [positions[5]!, positions[60]!, positions[120]!];
    // Typed at c, b, then a (last first, so the earlier positions hold); then replaced whole, as y-prosemirror does.
    const typed = state.tr
      .insertText('zz', c)
      .delete(b, b + 1)
      .insertText('y', a).doc;
    const replaced = state.tr.replaceWith(0, state.doc.content.size, typed.content).doc;
    expect(textblockChanges(state.doc, replaced)).toEqual([
      { from: a, toBefore: a, fromAfter: a, toAfter: a + 1 },
      { from: b, toBefore: b + 1, fromAfter: b + 1, toAfter: b + 1 },
      { from: c, toBefore: c, fromAfter: c, toAfter: c + 2 },
    ]);
    // A changed block attribute anywhere is structure.
    const $b = state.doc.resolve(b);
    const retyped = state.tr.setNodeMarkup($b.before(), undefined, { ...$b.parent.attrs, id: 'other' }).doc;
    expect(textblockChanges(state.doc, retyped)).toBe('structure');
  });

  it('equal what a full recomputation gives after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(EDITS.length - 1), fc.nat(10_000), fc.integer({ min: 1, max: 12 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (steps) => {
          let state = initial();
          for (const [kind, where, n] of steps) {
            const positions = textPositions(state.doc);
            const at = positions[where % positions.length]!;
            let tr: Transaction;
            try {
              tr = EDITS[kind]!(state, at, n);
            } catch {
              continue; // a split the schema does not allow there
            }
            state = state.apply(tr);
            const full = EditorState.create({
              schema: treatySchema,
              doc: state.doc,
              plugins: [numberingPlugin()],
            });
            expect(listed(state.plugins[0]!.getState(state), state.doc)).toEqual(
              listed(full.plugins[0]!.getState(full), state.doc),
            );
            const proposals = state.plugins[1]!.getState(state) as { set: DecorationSet };
            expect(listed(proposals.set, state.doc)).toEqual(
              listed(proposalDecorations(state.doc, info), state.doc),
            );
            // BR1, BR8: the brackets' widgets and scan, SS6: the statuses, as if computed afresh.
            const brackets = state.plugins[2]!.getState(state) as BracketsState;
            const scan = scanBrackets(state.doc);
            expect(listed(brackets.set, state.doc)).toEqual(
              listed(bracketDecorations(state.doc, scan, records), state.doc),
            );
            expect(brackets.scan).toEqual(scan);
            expect(listed(state.plugins[3]!.getState(state) as DecorationSet, state.doc)).toEqual(
              listed(statusDecorations(state.doc), state.doc),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
