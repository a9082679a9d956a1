import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import type { BracketRecord } from '../brackets/model.ts';
import type { DelegationId } from '../ids.ts';
import type { ProposalRecord, ProposalStatus } from '../proposals/model.ts';
import { type StructureLevel, treatySchema } from '../schema.ts';
import { lineArb } from '../test-support.ts';
import type { ReadingRecords } from './model.ts';

/**
 * Generated treaties for property tests that use every node, mark and attribute of the schema (title, preamble
 * and its alternatives, chapters, divisions of every level (ST5) nested, articles (some with a typed "2bis" label), paragraphs and their alternatives, subparagraphs, clauses; insertion,
 * deletion and nested bracket marks, options; id, inserted, deleted, bracket, bracketGroup, status, pending,
 * package), with proposal records in every state and bracket records.
 */

const { nodes, marks } = treatySchema;
const DELEGATIONS = ['RUS', 'MEX', 'EU', 'CHN', null] as const;
const STATUSES: readonly ProposalStatus[] = ['open', 'accepted', 'rejected', 'withdrawn', 'superseded'];
export const PROPOSAL_IDS = ['p00000000000', 'p00000000001', 'p00000000002', 'p00000000003', 'p00000000004'];

interface Segment {
  readonly text: string;
  readonly proposal: number | null;
  readonly kind: 'ins' | 'del';
  readonly bracket: 'none' | 'one' | 'nested' | 'options';
}
const segmentArb: fc.Arbitrary<Segment> = fc.record({
  text: lineArb,
  proposal: fc.option(fc.integer({ min: 0, max: PROPOSAL_IDS.length - 1 }), { freq: 2 }),
  kind: fc.constantFrom('ins', 'del'),
  bracket: fc.constantFrom('none', 'none', 'one', 'nested', 'options'),
});
const inlineArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 6, arbitrary: fc.array(segmentArb, { minLength: 1, maxLength: 4 }) },
);

interface BlockSpec {
  readonly segments: readonly Segment[];
  readonly status: 0 | 1 | 2 | 3;
  readonly inserted: number | null;
  readonly deleted: number | null;
  readonly bracket: boolean;
  /** Alternatives ("5 alt") following the block: 0, 1 or 2. */
  readonly alternatives: number;
}
const blockArb: fc.Arbitrary<BlockSpec> = fc.record({
  segments: inlineArb,
  status: fc.constantFrom(0, 0, 1, 2, 3),
  inserted: fc.option(fc.integer({ min: 0, max: PROPOSAL_IDS.length - 1 }), { freq: 4 }),
  deleted: fc.option(fc.integer({ min: 0, max: PROPOSAL_IDS.length - 1 }), { freq: 4 }),
  bracket: fc.boolean(),
  alternatives: fc.constantFrom(0, 0, 0, 1, 2),
});

type Tree = { spec: BlockSpec; children: Tree[] };
const clauseArb = blockArb.map((spec): Tree => ({ spec, children: [] }));
const subArb = fc
  .tuple(blockArb, fc.array(clauseArb, { maxLength: 2 }))
  .map(([spec, children]): Tree => ({ spec, children }));
const paragraphArb = fc
  .tuple(blockArb, fc.array(subArb, { maxLength: 3 }))
  .map(([spec, children]): Tree => ({ spec, children }));
const articleArb = fc
  .tuple(blockArb, fc.array(paragraphArb, { maxLength: 3 }))
  .map(([spec, children]): Tree => ({ spec, children }));

/** ST5: a division of a higher level with its articles and divisions of a lower level. */
type InnerDivision = [StructureLevel, BlockSpec, Tree[]];
type OuterDivision = [StructureLevel, BlockSpec, Tree[], InnerDivision[]];
const outerDivisionArb: fc.Arbitrary<OuterDivision> = fc.tuple(
  fc.constantFrom<StructureLevel>('part', 'chapter', 'section'),
  blockArb,
  fc.array(articleArb, { maxLength: 1 }),
  fc.array(
    fc.tuple(
      fc.constantFrom<StructureLevel>('section', 'subsection', 'title'),
      blockArb,
      fc.array(articleArb, { maxLength: 2 }),
    ),
    { maxLength: 2 },
  ),
);

/** Builds nodes from specs, numbering bracket ids so they are unique in one treaty. */
class Builder {
  private next = 0;
  readonly bracketIds: { id: string; group: string | null }[] = [];

  private bracket(group: string | null = null): string {
    const id = `b${String(this.next++).padStart(11, '0')}`;
    this.bracketIds.push({ id, group });
    return id;
  }

  inline(segments: readonly Segment[]): Node[] {
    const out: Node[] = [];
    segments.forEach((segment, index) => {
      if (index > 0) out.push(treatySchema.text(' '));
      const proposal = segment.proposal === null ? [] : [PROPOSAL_IDS[segment.proposal]!];
      // PR3: one proposal mark per character in a document the editor holds.
      const proposalMarks = proposal.map((id) =>
        segment.kind === 'ins'
          ? marks.insertion.create({ proposal: id })
          : marks.deletion.create({ proposal: id }),
      );
      const text = (s: string, extra: ReturnType<typeof marks.bracket.create>[]) =>
        treatySchema.text(s, [...proposalMarks, ...extra]);
      if (segment.bracket === 'none') out.push(text(segment.text, []));
      else if (segment.bracket === 'one')
        out.push(text(segment.text, [marks.bracket.create({ id: this.bracket() })]));
      else if (segment.bracket === 'nested') {
        const outer = marks.bracket.create({ id: this.bracket() });
        const [first, ...rest] = segment.text.split(' ');
        out.push(text(first!, [outer]));
        if (rest.length > 0) {
          const inner = marks.bracket.create({ id: this.bracket() });
          out.push(text(` ${rest.join(' ')}`, [outer, inner]));
        }
      } else {
        const first = this.bracket();
        const second = this.bracket(first);
        out.push(text(segment.text, [marks.bracket.create({ id: first })]));
        out.push(treatySchema.text(' '));
        out.push(text(segment.text, [marks.bracket.create({ id: second, group: first })]));
      }
    });
    return out;
  }

  attrs(spec: BlockSpec, id: string, withStatus: boolean, bracket: string | null, group: string | null) {
    const status = [null, 'informals', 'adref', 'adopted'][spec.status];
    return {
      id,
      inserted: spec.inserted === null ? null : PROPOSAL_IDS[spec.inserted]!,
      deleted: spec.deleted === null ? null : PROPOSAL_IDS[spec.deleted]!,
      bracket,
      bracketGroup: group,
      ...(withStatus
        ? {
            status,
            pending: status === 'informals' ? 'MEX RUS' : null,
            package: spec.status === 2 ? 'A' : null,
          }
        : {}),
    };
  }

  /** A block and its alternatives (BR5, NU8: "5 alt"; other blocks may carry the attributes too). */
  withAlternatives(
    spec: BlockSpec,
    make: (attrs: Record<string, unknown>) => Node,
    withStatus = true,
  ): Node[] {
    const alternatives = spec.bracket ? spec.alternatives : 0;
    const bracket = spec.bracket ? this.bracket() : null;
    const out = [make(this.attrs(spec, `n${this.next++}`, withStatus, bracket, null))];
    for (let n = 1; n <= alternatives; n++) {
      const own = this.bracket(bracket);
      out.push(make(this.attrs(spec, `n${this.next++}`, withStatus, own, bracket)));
    }
    return out;
  }

  body(spec: BlockSpec) {
    return nodes.body.create(null, this.inline(spec.segments));
  }

  clauses(tree: Tree): Node[] {
    return this.withAlternatives(
      tree.spec,
      (attrs) => nodes.clause.create(attrs, this.body(tree.spec)),
      false,
    );
  }
  subs(tree: Tree): Node[] {
    return this.withAlternatives(
      tree.spec,
      (attrs) =>
        nodes.subparagraph.create(attrs, [
          this.body(tree.spec),
          ...tree.children.flatMap((child) => this.clauses(child)),
        ]),
      false,
    );
  }
  paragraphs(tree: Tree): Node[] {
    return this.withAlternatives(tree.spec, (attrs) =>
      nodes.paragraph.create(attrs, [
        this.body(tree.spec),
        ...tree.children.flatMap((child) => this.subs(child)),
      ]),
    );
  }
  /** Articles made so far without a suffix, and whether the last one had one (ST7: "2bis" follows "2"). */
  private articleCount = 0;
  private lastSuffixed = false;
  private articleLabel(spec: BlockSpec): string | null {
    const suffixed = spec.status === 3 && this.articleCount > 0 && !this.lastSuffixed;
    this.lastSuffixed = suffixed;
    if (suffixed) return `${this.articleCount}bis`;
    this.articleCount += 1;
    return null;
  }
  articles(tree: Tree): Node[] {
    return this.withAlternatives(
      tree.spec,
      (attrs) =>
        nodes.article.create({ ...attrs, label: this.articleLabel(tree.spec) }, [
          nodes.article_heading.create(null, this.inline(tree.spec.segments)),
          ...tree.children.flatMap((child) => this.paragraphs(child)),
        ]),
      false,
    );
  }
  chapters(spec: BlockSpec, articles: Tree[]): Node[] {
    return this.withAlternatives(
      spec,
      (attrs) =>
        nodes.chapter.create(attrs, [
          nodes.chapter_heading.create(null, this.inline(spec.segments)),
          ...articles.flatMap((article) => this.articles(article)),
        ]),
      false,
    );
  }
  /** A chapter or division of `level` (ST5) holding `children`. */
  division(level: StructureLevel, spec: BlockSpec, content: () => Node[]): Node[] {
    const heading = () => this.inline(spec.segments);
    return this.withAlternatives(
      spec,
      (attrs) =>
        level === 'chapter'
          ? nodes.chapter.create(attrs, [nodes.chapter_heading.create(null, heading()), ...content()])
          : nodes.division.create({ ...attrs, level }, [
              nodes.division_heading.create(null, heading()),
              ...content(),
            ]),
      false,
    );
  }
  /** A structure of divisions: each of its nodes, then its articles, then its inner divisions. */
  structure(outer: readonly OuterDivision[]): Node[] {
    return outer.flatMap(([level, spec, articles, inner]) =>
      this.division(level, spec, () => [
        ...articles.flatMap((article) => this.articles(article)),
        ...inner.flatMap(([innerLevel, innerSpec, innerArticles]) =>
          this.division(innerLevel, innerSpec, () =>
            innerArticles.flatMap((article) => this.articles(article)),
          ),
        ),
      ]),
    );
  }
  preambular(spec: BlockSpec): Node[] {
    return this.withAlternatives(spec, (attrs) =>
      nodes.preambular_paragraph.create(attrs, this.inline(spec.segments)),
    );
  }
}

/** A generated treaty with its records. */
export interface AnnotatedTreaty {
  readonly doc: Node;
  readonly records: ReadingRecords;
}

/** Generated treaties using every node, mark and attribute of the schema, and records of every state. */
export const annotatedTreatyArb: fc.Arbitrary<AnnotatedTreaty> = fc
  .tuple(
    lineArb,
    fc.array(blockArb, { maxLength: 3 }),
    fc.option(inlineArb),
    fc.option(inlineArb),
    fc.oneof(
      fc.array(articleArb, { maxLength: 3 }).map((articles) => ({ chapters: null, articles })),
      fc
        .array(fc.tuple(blockArb, fc.array(articleArb, { maxLength: 2 })), { minLength: 1, maxLength: 2 })
        .map((chapters) => ({ chapters, articles: [] as Tree[] })),
      fc
        .array(outerDivisionArb, { minLength: 1, maxLength: 2 })
        .map((divisions) => ({ chapters: null, divisions, articles: [] as Tree[] })),
    ),
    fc.array(fc.tuple(fc.constantFrom(...DELEGATIONS), fc.constantFrom(...STATUSES)), {
      minLength: PROPOSAL_IDS.length,
      maxLength: PROPOSAL_IDS.length,
    }),
  )
  .map(([title, preamble, opening, closing, body, proposals]) => {
    const builder = new Builder();
    const doc = nodes.doc.create(null, [
      nodes.title.create(null, treatySchema.text(title)),
      nodes.preamble.create(null, [
        // ST8: the formulas around the preambular paragraphs, with marks like any text.
        ...(opening ? [nodes.preamble_opening.create(null, builder.inline(opening))] : []),
        ...preamble.flatMap((spec) => builder.preambular(spec)),
        ...(closing ? [nodes.preamble_closing.create(null, builder.inline(closing))] : []),
      ]),
      ...(body.chapters
        ? body.chapters.flatMap(([spec, articles]) => builder.chapters(spec, articles))
        : 'divisions' in body
          ? builder.structure(body.divisions)
          : body.articles.flatMap((article) => builder.articles(article))),
    ]);
    const proposalRecords = new Map<string, ProposalRecord>(
      proposals.map(([delegation, status], index) => {
        const id = PROPOSAL_IDS[index]!;
        const record: ProposalRecord = {
          id,
          delegation: delegation as DelegationId | null,
          personId: 'person',
          personName: 'Person',
          createdAt: `2026-11-2${index}T10:00:00.000Z`,
          note: '',
          status,
          decision:
            status === 'open' || status === 'withdrawn'
              ? null
              : {
                  by: 'chair',
                  byName: 'Chair',
                  at: '2026-11-30T10:00:00.000Z',
                  location: '',
                  inserted: '',
                  deleted: '',
                },
        };
        return [id, record];
      }),
    );
    const bracketRecords = new Map<string, BracketRecord>(
      builder.bracketIds.map(({ id, group }, index) => [
        id,
        {
          id,
          delegation: (DELEGATIONS[index % DELEGATIONS.length] ?? null) as DelegationId | null,
          personId: 'person',
          personName: 'Person',
          createdAt: '2026-11-20T10:00:00.000Z',
          reason: '',
          group,
          status: 'open',
          derivedFrom: null,
          resolution: null,
        },
      ]),
    );
    return { doc, records: { proposals: proposalRecords, brackets: bracketRecords } };
  });
