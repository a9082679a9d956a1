import { type NodeSpec, Schema } from 'prosemirror-model';

/**
 * Node type names of the treaty schema. Structure rules are in SPEC.md (ST1–ST8); the numbering that readers
 * see is never stored but derived from position (NU1–NU7, see `numbering.ts`).
 */
export const NodeName = {
  doc: 'doc',
  title: 'title',
  preamble: 'preamble',
  preambularParagraph: 'preambular_paragraph',
  preambleOpening: 'preamble_opening',
  preambleClosing: 'preamble_closing',
  chapter: 'chapter',
  chapterHeading: 'chapter_heading',
  division: 'division',
  divisionHeading: 'division_heading',
  article: 'article',
  articleHeading: 'article_heading',
  paragraph: 'paragraph',
  subparagraph: 'subparagraph',
  clause: 'clause',
  body: 'body',
  text: 'text',
} as const;
export type NodeName = (typeof NodeName)[keyof typeof NodeName];

/** Node types that carry a stable `id` attribute (ST3). */
export const ID_BEARING_NODES: readonly NodeName[] = [
  NodeName.preambularParagraph,
  NodeName.chapter,
  NodeName.division,
  NodeName.article,
  NodeName.paragraph,
  NodeName.subparagraph,
  NodeName.clause,
];

/**
 * Stable id (ST3) plus the block-level proposal attributes (PR rules): `inserted` names the open proposal that
 * adds the block, `deleted` the one that would remove it. `bracket` names the bracket around the whole block
 * and `bracketGroup` the bracket it is an alternative to ("5 alt"), BR rules.
 */
const idAttrs = {
  id: { default: null as string | null },
  inserted: { default: null as string | null },
  deleted: { default: null as string | null },
  bracket: { default: null as string | null },
  bracketGroup: { default: null as string | null },
};

/**
 * Paragraph status (SS rules), on paragraphs and preambular paragraphs: `status` (null = open), `pending` the
 * delegations an "agreed in informals" waits for (space-separated ids), `package` the name of the package of
 * paragraphs that change status together.
 */
const statusAttrs = {
  ...idAttrs,
  status: { default: null as string | null },
  pending: { default: null as string | null },
  package: { default: null as string | null },
};

type BlockAttrs = {
  id?: string | null;
  inserted?: string | null;
  deleted?: string | null;
  bracket?: string | null;
  bracketGroup?: string | null;
  status?: string | null;
  package?: string | null;
};

/** Renders an id-bearing block; `data-id` carries the stable id so that tests and tools can find it. */
function blockDOM(tag: string, cls: string) {
  return {
    parseDOM: [
      {
        tag: `${tag}.${cls}`,
        getAttrs: (dom: { getAttribute(name: string): string | null }) => ({
          id: dom.getAttribute('data-id'),
        }),
      },
    ],
    toDOM: (node: { attrs: BlockAttrs }) =>
      [
        tag,
        {
          class: cls,
          'data-id': node.attrs.id ?? undefined,
          'data-inserted': node.attrs.inserted ?? undefined,
          'data-deleted': node.attrs.deleted ?? undefined,
          'data-bracket': node.attrs.bracket ?? undefined,
          'data-status': node.attrs.status ?? undefined,
          'data-package': node.attrs.package ?? undefined,
        },
        0,
      ] as const,
  };
}

/**
 * ST5: the levels of a treaty's structure above articles other than the chapter, from the highest: a part holds
 * chapters, a chapter sections, a section sub-sections, a sub-section titles (the Council of Europe's "Title 1").
 */
export const DivisionLevel = {
  part: 'part',
  section: 'section',
  subsection: 'subsection',
  title: 'title',
} as const;
export type DivisionLevel = (typeof DivisionLevel)[keyof typeof DivisionLevel];
/** Every level above articles, highest first, chapters included (ST5, TX17). */
export const STRUCTURE_LEVELS = ['part', 'chapter', 'section', 'subsection', 'title'] as const;
export type StructureLevel = (typeof STRUCTURE_LEVELS)[number];

/** Whether `value` names a division level (SH4). */
export function isDivisionLevel(value: unknown): value is DivisionLevel {
  return typeof value === 'string' && Object.hasOwn(DivisionLevel, value);
}

const nodes: Record<NodeName, NodeSpec> = {
  // ST1: a treaty is a title, a preamble (possibly empty), then divisions, chapters or articles.
  doc: { content: 'title preamble (chapter | division | article)*' },
  title: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h1.treaty-title' }],
    toDOM: () => ['h1', { class: 'treaty-title' }, 0],
  },
  // ST8: the preamble's unnumbered opening formula ("The States Parties to this Convention,") and closing
  // formula ("Have agreed as follows:") frame its numbered paragraphs.
  preamble: {
    content: 'preamble_opening? preambular_paragraph* preamble_closing?',
    parseDOM: [{ tag: 'section.preamble' }],
    toDOM: () => ['section', { class: 'preamble' }, 0],
  },
  preamble_opening: {
    content: 'text*',
    defining: true,
    parseDOM: [{ tag: 'p.preamble-opening' }],
    toDOM: () => ['p', { class: 'preamble-opening' }, 0],
  },
  preamble_closing: {
    content: 'text*',
    defining: true,
    parseDOM: [{ tag: 'p.preamble-closing' }],
    toDOM: () => ['p', { class: 'preamble-closing' }, 0],
  },
  preambular_paragraph: {
    content: 'text*',
    attrs: statusAttrs,
    defining: true,
    ...blockDOM('p', 'preambular-paragraph'),
  },
  // ST2: a chapter holds a heading and its articles (or divisions, ST5); articles are numbered across chapters
  // (NU1).
  chapter: {
    content: 'chapter_heading (division | article)*',
    attrs: idAttrs,
    defining: true,
    isolating: true,
    ...blockDOM('section', 'chapter'),
  },
  chapter_heading: {
    content: 'text*',
    defining: true,
    parseDOM: [{ tag: 'h2.chapter-heading' }],
    toDOM: () => ['h2', { class: 'chapter-heading' }, 0],
  },
  // ST5: a part, section, sub-section or title: a heading, then what the text nests in it. A stored `chapter`
  // stays a chapter (its canonical text is unchanged); `level` says which other level a division is.
  division: {
    content: 'division_heading (chapter | division | article)*',
    attrs: { ...idAttrs, level: { default: DivisionLevel.section as string } },
    defining: true,
    isolating: true,
    parseDOM: [
      {
        tag: 'section.division',
        getAttrs: (dom: { getAttribute(name: string): string | null }) => ({
          id: dom.getAttribute('data-id'),
          level: dom.getAttribute('data-level') ?? DivisionLevel.section,
        }),
      },
    ],
    toDOM: (node) =>
      [
        'section',
        {
          class: 'division',
          'data-level': String(node.attrs.level),
          'data-id': node.attrs.id ?? undefined,
          'data-inserted': node.attrs.inserted ?? undefined,
          'data-deleted': node.attrs.deleted ?? undefined,
          'data-bracket': node.attrs.bracket ?? undefined,
        },
        0,
      ] as const,
  },
  division_heading: {
    content: 'text*',
    defining: true,
    parseDOM: [{ tag: 'h2.division-heading' }],
    toDOM: () => ['h2', { class: 'division-heading' }, 0],
  },
  // ST7: `label` keeps an article number as the text wrote it when it is not the derived one ("2bis", TX20); the
  // numbering of issue 18 (frozen numbers) reads it.
  article: {
    content: 'article_heading paragraph*',
    attrs: { ...idAttrs, label: { default: null as string | null } },
    defining: true,
    isolating: true,
    ...blockDOM('article', 'article'),
  },
  article_heading: {
    content: 'text*',
    defining: true,
    parseDOM: [{ tag: 'h3.article-heading' }],
    toDOM: () => ['h3', { class: 'article-heading' }, 0],
  },
  // ST4: a paragraph is a body of text followed by lettered subparagraphs; those hold roman-numbered clauses.
  paragraph: {
    content: 'body subparagraph*',
    attrs: statusAttrs,
    defining: true,
    ...blockDOM('div', 'paragraph'),
  },
  subparagraph: {
    content: 'body clause*',
    attrs: idAttrs,
    defining: true,
    ...blockDOM('div', 'subparagraph'),
  },
  clause: {
    content: 'body',
    attrs: idAttrs,
    defining: true,
    ...blockDOM('div', 'clause'),
  },
  body: {
    content: 'text*',
    parseDOM: [{ tag: 'p.body' }, { tag: 'p' }],
    toDOM: () => ['p', { class: 'body' }, 0],
  },
  text: {},
};

/** PR1/PR2: text proposed for insertion or deletion, naming its proposal (one proposal mark per character). */
const proposalMark = (tag: 'ins' | 'del', cls: string) => ({
  attrs: { proposal: {} },
  inclusive: false,
  excludes: 'insertion deletion',
  parseDOM: [
    {
      tag: `${tag}[data-proposal]`,
      getAttrs: (dom: { getAttribute(name: string): string | null }) => ({
        proposal: dom.getAttribute('data-proposal'),
      }),
    },
  ],
  toDOM: (mark: { attrs: { proposal?: unknown } }) =>
    [tag, { class: cls, 'data-proposal': String(mark.attrs.proposal) }, 0] as const,
});

/**
 * BR1: a square bracket around a run of text. `id` names the bracket (its record says who asked for it);
 * `group` names the bracket it is an alternative to (options of one group). Brackets nest: the mark does not
 * exclude itself, so one character can sit inside several brackets (y-prosemirror stores each under its own
 * hashed key).
 */
const bracketMark = {
  attrs: { id: {}, group: { default: null } },
  inclusive: false,
  excludes: '',
  parseDOM: [
    {
      tag: 'span[data-bracket]',
      getAttrs: (dom: { getAttribute(name: string): string | null }) => ({
        id: dom.getAttribute('data-bracket'),
        group: dom.getAttribute('data-bracket-group'),
      }),
    },
  ],
  toDOM: (mark: { attrs: { id?: unknown; group?: unknown } }) =>
    [
      'span',
      {
        class: 'bracketed',
        'data-bracket': String(mark.attrs.id),
        'data-bracket-group': mark.attrs.group ? String(mark.attrs.group) : undefined,
      },
      0,
    ] as const,
};

/** Mark names of the treaty schema. */
export const MarkName = { insertion: 'insertion', deletion: 'deletion', bracket: 'bracket' } as const;
export type MarkName = (typeof MarkName)[keyof typeof MarkName];

/** The ProseMirror schema of a treaty text, shared by the editor, the server and every conversion. */
export const treatySchema = new Schema({
  nodes,
  marks: {
    insertion: proposalMark('ins', 'proposal-insertion'),
    deletion: proposalMark('del', 'proposal-deletion'),
    bracket: bracketMark,
  },
});
export type TreatySchema = typeof treatySchema;
