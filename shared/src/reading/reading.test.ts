import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { scanBrackets } from '../brackets/scan.ts';
import { MarkName, NodeName, treatySchema } from '../schema.ts';
import { build, parsedTreaty, withAttrs } from '../test-support.ts';
import { blockNotation, notationText, statusWords } from './notation.ts';
import { readTreaty } from './read.ts';
import { annotatedTreatyArb } from './test-arbitrary.ts';
import { bracketedView } from './views.ts';

const textblocks = (doc: Node) => {
  const out: Node[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) out.push(node);
    return !node.isTextblock;
  });
  return out;
};

describe('the one reading (RD)', () => {
  it('RD1: the generated treaties use every node, mark and attribute of the schema', () => {
    const nodes = new Set<string>();
    const marks = new Set<string>();
    const attrs = new Set<string>();
    for (const { doc } of fc.sample(annotatedTreatyArb, { numRuns: 200, seed: 17 })) {
      doc.descendants((node) => {
        nodes.add(node.type.name);
        for (const mark of node.marks) {
          marks.add(mark.type.name);
          for (const [key, value] of Object.entries(mark.attrs))
            if (value) attrs.add(`${mark.type.name}.${key}`);
        }
        for (const [key, value] of Object.entries(node.attrs))
          if (value) attrs.add(`${node.type.name}.${key}`);
        return true;
      });
    }
    nodes.add(NodeName.doc);
    expect([...nodes].sort()).toEqual(Object.keys(treatySchema.nodes).sort());
    expect([...marks].sort()).toEqual(Object.keys(treatySchema.marks).sort());
    for (const [name, type] of Object.entries(treatySchema.nodes))
      for (const key of Object.keys(type.spec.attrs ?? {})) expect(attrs).toContain(`${name}.${key}`);
    for (const [name, type] of Object.entries(treatySchema.marks))
      for (const key of Object.keys(type.spec.attrs ?? {})) expect(attrs).toContain(`${name}.${key}`);
  });

  it('RD1: every character of every textblock is in the reading, in order, with every mark', () => {
    fc.assert(
      fc.property(annotatedTreatyArb, ({ doc, records }) => {
        doc.check();
        const reading = readTreaty(doc, records);
        const own = reading.blocks.filter((block) => block.kind !== 'preamble');
        expect(own.map((block) => block.text)).toEqual(textblocks(doc).map((node) => node.textContent));
        const runs = own.flatMap((block) => block.runs);
        const texts = textblocks(doc).flatMap((node) => node.children);
        expect(runs.length).toBe(texts.length);
        runs.forEach((run, index) => {
          const node = texts[index]!;
          const name = (mark: string) => node.marks.find((m) => m.type.name === mark)?.attrs.proposal ?? null;
          expect(run.text).toBe(node.text);
          expect(run.insertion).toBe(name(MarkName.insertion));
          expect(run.deletion).toBe(name(MarkName.deletion));
          expect(run.brackets.map((b) => b.id).sort()).toEqual(
            node.marks
              .filter((m) => m.type.name === MarkName.bracket)
              .map((m) => String(m.attrs.id))
              .sort(),
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  it('RD2: the notation holds one "[" per bracket (BR8) and one "Option n:" per option, balanced', () => {
    fc.assert(
      fc.property(annotatedTreatyArb, ({ doc, records }) => {
        const reading = readTreaty(doc, records);
        const text = reading.blocks.map((block) => notationText(blockNotation(block, reading))).join('\n');
        const scan = scanBrackets(doc).total;
        const opening = (text.match(/\[/g) ?? []).length;
        expect(opening).toBe(scan.brackets);
        expect((text.match(/\]/g) ?? []).length).toBe(opening);
        const inlineOptions = scanBrackets(doc).spans.filter((s) => s.kind === 'inline' && s.option !== null);
        expect((text.match(/\[Option \d+: /g) ?? []).length).toBe(inlineOptions.length);
      }),
      { numRuns: 150 },
    );
  });

  it('RD3: the bracketed view shows open proposals attributed or leaves them out, never as plain text, and escapes nothing', () => {
    fc.assert(
      fc.property(annotatedTreatyArb, ({ doc, records }) => {
        const reading = readTreaty(doc, records);
        const open = (id: string | null) => id !== null && records.proposals.get(id)?.status === 'open';
        const attributed = bracketedView(reading, 'attributed');
        const omitted = bracketedView(reading, 'omitted');
        expect(attributed).toHaveLength(reading.blocks.length);
        reading.blocks.forEach((block, index) => {
          const line = attributed[index]!;
          for (const run of block.runs) expect(line.text).toContain(run.text);
          if (open(block.inserted)) expect(line.proposal).toMatch(/: new (paragraph|article)$/);
          const proposed = block.runs.filter((run) => open(run.insertion) || open(run.deletion));
          if (proposed.length > 0) expect(line.text).toMatch(/\[[^[\]]+: /);
        });
        const shown = reading.blocks.filter((block) => !open(block.inserted));
        expect(omitted.map((line) => line.label)).toEqual(shown.map((block) => block.label));
        shown.forEach((block, index) => {
          const text = omitted[index]!.text;
          for (const run of block.runs) {
            if (!open(run.insertion)) expect(text).toContain(run.text);
          }
        });
        for (const line of [...attributed, ...omitted]) {
          expect(line.text).not.toMatch(/\\|\{/);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('RD1: labels, locations, levels and status follow the numbering (NU, SS1)', () => {
    const doc = parsedTreaty(`Convention

Preamble
PP1. Recalling the Charter,
PP2. Bearing in mind the need,

Article 1
Scope
1. First.
2. Each Party shall:
    (a) one;
    (b) two;
    (c) three:
        (i) four.
`);
    const reading = readTreaty(doc);
    const clause = reading.blocks.find((block) => block.kind === 'clause')!;
    expect(clause.location).toBe('Article 1, paragraph 2 (c) (i)');
    expect(clause.level).toBe(2);
    const c = reading.blocks.filter((block) => block.kind === 'subparagraph')[2]!;
    expect(c.location).toBe('Article 1, paragraph 2 (c)');
    expect(c.label).toBe('(c)');
    expect(reading.blocks.find((block) => block.label === 'PP2')!.text).toBe('Bearing in mind the need,');
    expect(reading.blocks.find((block) => block.label === 'PP2')!.location).toBe('Preamble, PP2');
    const agreed = withAttrs(build.paragraph('x', 'text'), { status: 'informals', pending: 'MEX' });
    const one = readTreaty(build.doc('T', [], build.article('a', 'H', agreed)));
    expect(statusWords(one.blocks.at(-1)!)).toBe('agreed in informals, pending Mexico');
  });
});
