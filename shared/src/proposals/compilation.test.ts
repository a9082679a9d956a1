import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { treatyFromYDoc, treatyToYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { treatySchema } from '../schema.ts';
import { parsedTreaty } from '../test-support.ts';
import { compilationOf, compileProposals } from './compilation.ts';
import { createProposal } from './model.ts';

const TEXT = `Convention

Article 1
Access
1. Each Party shall:
    (a) ensure access;
    (b) provide remedies.
2. Nothing affects sovereignty.
`;

function withProposals() {
  const ydoc = treatyToYDoc(parsedTreaty(TEXT));
  const russia = createProposal(ydoc, { delegation: 'RUS' as DelegationId, personId: 'r', personName: 'R' });
  const eu = createProposal(ydoc, { delegation: 'EU' as DelegationId, personId: 'e', personName: 'E' });
  const doc = treatyFromYDoc(ydoc);
  const tr = EditorState.create({ schema: treatySchema, doc }).tr;
  let access = -1;
  let end = -1;
  doc.descendants((node, pos) => {
    if (node.isText && node.text === 'ensure access;') access = pos + 'ensure '.length;
    if (node.type.name === 'paragraph' && node.textContent.startsWith('Nothing')) end = pos + node.nodeSize;
    return true;
  });
  tr.insert(end, [
    treatySchema.nodes.paragraph.create({ id: 'newpara0003', inserted: russia.id }, [
      treatySchema.nodes.body.create(null, treatySchema.text('Parties shall cooperate.')),
    ]),
  ]);
  tr.insert(access, treatySchema.text('lawful ', [treatySchema.marks.insertion.create({ proposal: eu.id })]));
  treatyToYDoc(tr.doc, ydoc);
  return ydoc;
}

describe('compilation of proposals (PR12)', () => {
  it('PR12: each block of a paragraph on its own line, each proposal attributed, new paragraphs with their text', () => {
    const compilation = compilationOf(withProposals());
    expect(compilation.entries.map((entry) => entry.location)).toEqual([
      'Article 1 (Access), paragraph 1',
      'Article 1 (Access), paragraph 3',
    ]);
    const [amended, added] = compilation.entries;
    expect(amended!.base.map((line) => `${line.label} ${line.text}`)).toEqual([
      '1. Each Party shall:',
      '(a) ensure access;',
      '(b) provide remedies.',
    ]);
    expect(amended!.proposals[0]).toMatchObject({ attribution: 'European Union', what: 'amend' });
    expect(amended!.proposals[0]!.lines.map((line) => line.text)).toEqual([
      'Each Party shall:',
      'ensure lawful access;',
      'provide remedies.',
    ]);
    expect(added!.base).toEqual([]);
    expect(added!.proposals[0]).toMatchObject({
      attribution: 'Russian Federation',
      what: 'add the paragraph',
    });
    expect(added!.proposals[0]!.lines.map((line) => line.text)).toEqual(['Parties shall cooperate.']);
    const text = compileProposals(withProposals());
    expect(text).not.toMatch(/shall:ensure|access;provide/);
    expect(text).toContain('      (a) ensure lawful access;');
    expect(text).toContain('    3. Parties shall cooperate.');
  });
});

describe('compilation of proposals in the preamble formulas (PR12, ST8)', () => {
  it('PR12/ST8: a proposal in the closing formula is compiled, as a paragraph of its own', () => {
    const ydoc = treatyToYDoc(
      parsedTreaty('Convention\n\nPreamble\nOpening: The Parties,\nPP1. Recalling.\nClosing: Have agreed:\n'),
    );
    const eu = createProposal(ydoc, { delegation: 'EU' as DelegationId, personId: 'e', personName: 'E' });
    const doc = treatyFromYDoc(ydoc);
    const tr = EditorState.create({ schema: treatySchema, doc }).tr;
    let at = -1;
    doc.descendants((node, pos) => {
      if (node.type.name === 'preamble_closing') at = pos + 1 + 'Have agreed'.length;
      return true;
    });
    tr.insert(
      at,
      treatySchema.text(' as follows', [treatySchema.marks.insertion.create({ proposal: eu.id })]),
    );
    treatyToYDoc(tr.doc, ydoc);
    const compilation = compilationOf(ydoc);
    expect(compilation.entries).toHaveLength(1);
    expect(compilation.entries[0]!.location).toBe('Preamble, closing formula');
    expect(compilation.entries[0]!.base.map((line) => line.text)).toEqual(['Have agreed:']);
    expect(compilation.entries[0]!.proposals[0]!.lines.map((line) => line.text)).toEqual([
      'Have agreed as follows:',
    ]);
  });
});
