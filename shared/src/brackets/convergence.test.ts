import fc from 'fast-check';
import { TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeTreatyUpdate, treatyFromYDoc } from '../convert.ts';
import { proposeText } from '../proposals/editing.ts';
import { readProposals } from '../proposals/model.ts';
import { EDITORS, Network, type Replica } from '../proposals/test-replica.ts';
import { setParagraphStatus, statusBlocks } from '../status/change.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
import { treatyFragment } from '../ydoc.ts';
import { addOption, bracketSelection, innermostBracketAt } from './editing.ts';
import { readBrackets } from './model.ts';
import { agreeBrackets, dropBracket, liftBracket, pickOption } from './resolve.ts';
import { bracketLayoutProblem } from './rules.ts';
import { scanBrackets } from './scan.ts';

// BR3, BR5, BR6, SS1–SS5 under concurrency: replicas of three delegations and the chair bracket, add options,
// type inside brackets, lift, resolve and change status at random, every update going through a server that
// checks the rules; whatever the order, all replicas end with the server's text, records and counts, and every
// text's brackets stay well formed.

const TEXT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation between States Parties.
2. Nothing in this Convention affects the sovereignty of States.

Article 2
Rights
States Parties shall respect human rights in implementing this Convention.
`;

function seed(): Uint8Array {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return encodeTreatyUpdate(parsed.doc);
}

type Kind = 'bracket' | 'option' | 'type' | 'lift' | 'pick' | 'agree' | 'drop' | 'status' | 'sync';
type Op = { who: number; kind: Kind; a: number; b: number };

const op: fc.Arbitrary<Op> = fc.record({
  who: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom<Kind>(
    'bracket',
    'bracket',
    'option',
    'type',
    'lift',
    'pick',
    'agree',
    'drop',
    'status',
    'sync',
  ),
  a: fc.nat(),
  b: fc.nat(),
});

const CHAIR = { personId: EDITORS.chair.personId, name: EDITORS.chair.name };
const EDITOR_LIST = [EDITORS.russia, EDITORS.usa, EDITORS.china, EDITORS.chair];

/** Text positions of the replica's document, to pick places at random. */
function textPositions(replica: Replica): { pos: number; end: number }[] {
  const positions: { pos: number; end: number }[] = [];
  replica.state.doc.descendants((node, pos) => {
    if (node.isTextblock && node.type.spec.marks !== '') {
      for (let i = 0; i <= node.content.size; i++)
        positions.push({ pos: pos + 1 + i, end: pos + 1 + node.content.size });
    }
    return true;
  });
  return positions;
}

function apply(replica: Replica, { kind, a, b }: Op): void {
  const positions = textPositions(replica);
  const at = positions[a % positions.length]!;
  const to = Math.min(at.end, at.pos + 1 + (b % 12));
  const chair = replica.editor.role === 'chair';
  const proposals = chair ? null : replica.context();
  const spans = scanBrackets(replica.state.doc).spans;
  const pick = spans.length > 0 ? spans[b % spans.length] : undefined;
  const select = (from: number, end: number) => {
    replica.state = replica.state.apply(
      replica.state.tr.setSelection(TextSelection.create(replica.state.doc, from, end)),
    );
  };
  switch (kind) {
    case 'bracket':
      select(at.pos, to);
      replica.dispatch(bracketSelection(replica.state, replica.bracketContext()));
      return;
    case 'option':
      if (pick?.kind !== 'inline') return;
      replica.caret(pick.from + 1 <= pick.to ? pick.from + 1 : pick.from);
      replica.dispatch(
        addOption(
          replica.state,
          `opt ${b % 7}`,
          innermostBracketAt(replica.state),
          replica.bracketContext(),
          proposals,
        ),
      );
      return;
    case 'type': {
      replica.caret(at.pos);
      const { from } = replica.state.selection;
      if (chair) replica.dispatch(replica.state.tr.insertText('x', from));
      else replica.dispatch(proposeText(replica.state, from, from, 'x', proposals!));
      return;
    }
    case 'lift':
      if (
        pick &&
        liftBracket(replica.ydoc, pick.id, {
          personId: replica.editor.personId,
          name: replica.editor.name,
          delegation: replica.editor.delegation,
        })
      )
        replica.refresh();
      return;
    case 'pick':
    case 'agree':
    case 'drop': {
      if (!chair || !pick) return;
      const done =
        kind === 'pick'
          ? pickOption(replica.ydoc, pick.id, CHAIR)
          : kind === 'agree'
            ? agreeBrackets(replica.ydoc, [pick.id], CHAIR).length > 0
            : dropBracket(replica.ydoc, pick.id, CHAIR);
      if (done) replica.refresh();
      return;
    }
    case 'status': {
      if (!chair) return;
      const blocks = statusBlocks(replica.state.doc);
      const block = blocks[a % blocks.length]!;
      const records = readProposals(replica.ydoc);
      const tr = setParagraphStatus(
        replica.state,
        block.pos,
        (['open', 'informals', 'adref'] as const)[b % 3]!,
        (id) => records.get(id)?.status === 'open',
      );
      if (typeof tr !== 'string') replica.dispatch(tr);
      return;
    }
    default:
      return;
  }
}

function run(editors: typeof EDITOR_LIST, ops: Op[]): Network {
  const network = new Network(editors, seed());
  for (const step of ops) {
    if (step.kind === 'sync') network.sync();
    else apply(network.replicas[step.who % network.replicas.length]!, step);
  }
  network.sync();
  return network;
}

function wellFormed(doc: Y.Doc): string | null {
  for (const node of treatyFragment(doc).createTreeWalker((type) => type instanceof Y.XmlText)) {
    const problem = bracketLayoutProblem(node as Y.XmlText);
    if (problem) return problem;
  }
  return null;
}

describe('convergence under random concurrent brackets and status changes', () => {
  it('BR3/BR5/BR6/SS5/SH3: every replica ends with the server’s text, records and counts; brackets stay well formed', () => {
    // What the runs reached, so that the property is known to have exercised options and resolutions.
    const seen = { options: 0, resolved: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const { server, replicas } = run(EDITOR_LIST, ops);
        const text = JSON.stringify(treatyFromYDoc(server.doc).toJSON());
        const records = JSON.stringify([...readBrackets(server.doc)].sort());
        const total = scanBrackets(treatyFromYDoc(server.doc)).total;
        const counts = JSON.stringify(total);
        seen.options += total.options;
        seen.resolved += [...readBrackets(server.doc).values()].filter((r) => r.status !== 'open').length;
        expect(wellFormed(server.doc)).toBeNull();
        // SH1–SH7: honest edits, concurrent or not, are never refused for their shape.
        expect(server.shapeRefusals).toBe(0);
        for (const replica of replicas) {
          expect(JSON.stringify(treatyFromYDoc(replica.ydoc).toJSON())).toBe(text);
          expect(replica.state.doc.eq(treatyFromYDoc(replica.ydoc))).toBe(true);
          expect(JSON.stringify([...readBrackets(replica.ydoc)].sort())).toBe(records);
          expect(JSON.stringify(scanBrackets(replica.state.doc).total)).toBe(counts);
        }
      }),
      { numRuns: 60 },
    );
    expect(seen.options).toBeGreaterThan(0);
    expect(seen.resolved).toBeGreaterThan(0);
  });

  it('BR2–BR6: an honest delegation and the chair taking turns are never refused', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        // One editor at a time, synced after every step: no concurrency, so nothing honest may be refused.
        const turns = ops.flatMap((step) => [step, { ...step, kind: 'sync' as const }]);
        expect(run([EDITORS.russia, EDITORS.chair], turns).refusals).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
