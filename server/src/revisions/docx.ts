import {
  type BlockDiff,
  blockNotation,
  blockProposalNote,
  type Compilation,
  type CompiledLine,
  counted,
  type DiffPart,
  progressLine,
  proposalAuthorName,
  type ReadingBlock,
  type ReadingBlockKind,
  statusWords,
  type TreatyDiff,
  type TreatyReading,
} from '@travaux/shared';
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  Header,
  type ICommentOptions,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
} from 'docx';
import { authorName } from './authors.ts';
import { type Masthead, mastheadLines } from './masthead.ts';

/**
 * Word files that read as UN documents (RV9, RV14): the masthead, the treaty's own paragraph styles (article
 * headings centred, numbered paragraphs hanging), A4 with the symbol in the header and page numbers, and the
 * changes as Word tracked changes authored by delegation and dated when they were made.
 */

type Run = TextRun | InsertedTextRun | DeletedTextRun | CommentRangeStart | CommentRangeEnd;

/** Hanging indent per level, in twentieths of a point: the label hangs, the text aligns on one tab stop. */
const HANG = 567;

/** The paragraph style of each kind of block (styles defined in `STYLES`). */
const STYLE: Record<ReadingBlockKind, string> = {
  title: 'TreatyTitle',
  preamble: 'TreatyPreamble',
  preambular_paragraph: 'TreatyPreambular',
  preamble_opening: 'TreatyPreamble',
  preamble_closing: 'TreatyPreamble',
  chapter: 'TreatyChapter',
  division: 'TreatyChapter',
  article: 'TreatyArticle',
  paragraph: 'TreatyParagraph',
  subparagraph: 'TreatySubparagraph',
  clause: 'TreatyClause',
};

const hanging = (level: number) => ({
  indent: { left: HANG * (level + 1), hanging: HANG },
  spacing: { after: 120 },
  alignment: AlignmentType.JUSTIFIED,
  tabStops: [{ type: TabStopType.LEFT, position: HANG * (level + 1) }],
});

const STYLES = {
  default: {
    document: { run: { font: 'Times New Roman', size: 24 }, paragraph: { spacing: { line: 240 } } },
  },
  paragraphStyles: [
    {
      id: 'TreatyTitle',
      name: 'Treaty title',
      basedOn: 'Normal',
      run: { bold: true, size: 28 },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
    },
    {
      id: 'Masthead',
      name: 'Masthead',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.RIGHT },
    },
    {
      id: 'TreatyPreamble',
      name: 'Preamble',
      basedOn: 'Normal',
      run: { italics: true },
      paragraph: { spacing: { before: 240, after: 120 } },
    },
    { id: 'TreatyPreambular', name: 'Preambular paragraph', basedOn: 'Normal', paragraph: hanging(0) },
    {
      id: 'TreatyChapter',
      name: 'Chapter heading',
      basedOn: 'Normal',
      run: { bold: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240 }, keepNext: true },
    },
    {
      id: 'TreatyArticle',
      name: 'Article heading',
      basedOn: 'Normal',
      run: { bold: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, keepNext: true },
    },
    { id: 'TreatyParagraph', name: 'Numbered paragraph', basedOn: 'Normal', paragraph: hanging(0) },
    { id: 'TreatySubparagraph', name: 'Subparagraph', basedOn: 'Normal', paragraph: hanging(1) },
    { id: 'TreatyClause', name: 'Clause', basedOn: 'Normal', paragraph: hanging(2) },
    {
      id: 'TreatyNote',
      name: 'Note',
      basedOn: 'Normal',
      run: { italics: true, size: 20 },
      paragraph: { spacing: { after: 120 } },
    },
  ],
};

/** Word's dates have no fractions of a second. */
const wordDate = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

/** One paragraph of a block: its label (hanging, or a heading line), its runs, its status in words. */
function blockParagraph(
  kind: ReadingBlockKind,
  label: string,
  runs: Run[],
  status: string,
  prefix: Run[] = [],
): Paragraph {
  const children: Run[] = [...prefix];
  if (kind === 'chapter' || kind === 'division' || kind === 'article') {
    if (label) children.push(new TextRun({ text: label }));
    children.push(...(label ? [new TextRun({ text: '', break: 1 })] : []), ...runs);
  } else if (
    kind === 'title' ||
    kind === 'preamble' ||
    kind === 'preamble_opening' ||
    kind === 'preamble_closing'
  ) {
    children.push(...runs);
  } else {
    children.push(new TextRun({ text: `${label}\t` }), ...runs);
  }
  if (status) children.push(new TextRun({ text: ` (${status})`, italics: true }));
  return new Paragraph({ style: STYLE[kind], children });
}

/** The document around the treaty's paragraphs: masthead, A4 page, header with the symbol, page numbers. */
function treatyDocument(
  masthead: Masthead,
  body: Paragraph[],
  notes: Paragraph[] = [],
  comments: ICommentOptions[] = [],
): Document {
  const lines = mastheadLines(masthead);
  return new Document({
    creator: 'Travaux',
    ...(comments.length ? { comments: { children: comments } } : {}),
    title: masthead.symbol ?? masthead.title,
    description: masthead.subtitle ?? undefined,
    features: { trackRevisions: true },
    styles: STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1247, right: 1247, header: 708, footer: 708 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: masthead.symbol ?? masthead.title, bold: true, size: 20 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })],
              }),
            ],
          }),
        },
        children: [
          ...lines.map(
            (line, index) =>
              new Paragraph({
                style: 'Masthead',
                children: [new TextRun({ text: line, bold: index === 0, size: index === 0 ? 28 : 24 })],
                ...(index === lines.length - 1
                  ? { border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 } } }
                  : {}),
              }),
          ),
          new Paragraph({ style: 'TreatyTitle', children: [new TextRun(masthead.title || 'Treaty text')] }),
          ...(masthead.subtitle
            ? [
                new Paragraph({
                  style: 'TreatyNote',
                  alignment: AlignmentType.CENTER,
                  text: masthead.subtitle,
                }),
              ]
            : []),
          ...notes,
          ...body,
        ],
      },
    ],
  });
}

/** A diff part as a Word run: equal text, or a tracked change authored by its delegation and dated. */
function partRun(part: DiffPart, nextId: () => number, fallbackDate: string): Run {
  if (part.type === 'equal') return new TextRun({ text: part.text });
  const change = {
    text: part.text,
    id: nextId(),
    author: authorName(part.author),
    date: wordDate(part.at ?? fallbackDate),
  };
  return part.type === 'insert' ? new InsertedTextRun(change) : new DeletedTextRun(change);
}

/** "the Chair's choice of Option 2 (Mexico)" as a sentence of its own. */
const sentence = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;

/**
 * RV11, RV14: the runs of a block's parts, each stretch of changes one decision of the chair made (a pick or
 * merge of options, brackets agreed or dropped) wrapped in a Word comment authored "Chair", dated with the
 * decision (equal text between its changes included), whose text names it and the options' owners ("The Chair's choice of Option 2 (Mexico)."), so the
 * Word file says what the diff and print pages say. The comments are added to `comments`.
 */
function decisionRuns(
  parts: readonly DiffPart[],
  run: (part: DiffPart) => Run,
  comments: ICommentOptions[],
  fallbackDate: string,
): Run[] {
  const runs: Run[] = [];
  let open: { id: number; decision: string } | null = null;
  const close = () => {
    if (!open) return;
    runs.push(new CommentRangeEnd(open.id), new TextRun({ children: [new CommentReference(open.id)] }));
    open = null;
  };
  // Equal text between two changes of one decision (the "[" kept around a picked option) stays in its range.
  const continues = (index: number, decision: string) =>
    parts.slice(index).find((part) => part.type !== 'equal')?.decision === decision;
  for (const [index, part] of parts.entries()) {
    if (
      open &&
      part.decision !== open.decision &&
      !(part.type === 'equal' && continues(index, open.decision))
    )
      close();
    if (part.decision && !open) {
      open = { id: comments.length, decision: part.decision };
      comments.push({
        id: open.id,
        author: authorName('CHAIR'),
        initials: 'C',
        date: new Date(part.at ?? fallbackDate),
        children: [new Paragraph({ text: sentence(part.decision) })],
      });
      runs.push(new CommentRangeStart(open.id));
    }
    runs.push(run(part));
  }
  close();
  return runs;
}

/**
 * RV9, RV14: the comparison as a Word document: the newer text with every change a Word tracked change
 * (w:ins / w:del) authored by the delegation whose proposal made it (or the Chair) and dated when it was made,
 * brackets and options in the notation; `fallbackDate` (ISO) for changes the record does not date.
 */
export async function diffToDocx(
  diff: TreatyDiff,
  masthead: Masthead,
  fallbackDate: string,
): Promise<Buffer> {
  let id = 0;
  const nextId = () => ++id;
  const s = diff.summary;
  const plural = counted;
  const notes = [
    new Paragraph({
      style: 'TreatyNote',
      text: `${plural(s.wordsAdded, 'word')} added, ${plural(s.wordsRemoved, 'word')} removed; ${plural(s.blocksAdded, 'paragraph')} added, ${s.blocksRemoved} removed, ${s.blocksMoved} moved. ${progressLine(s)}`,
    }),
  ];
  const comments: ICommentOptions[] = [];
  const body = diff.blocks
    .filter((block) => block.kind !== 'title')
    .map((block: BlockDiff) =>
      blockParagraph(
        block.kind,
        block.newLabel ?? block.oldLabel ?? '',
        decisionRuns(block.parts, (part) => partRun(part, nextId, fallbackDate), comments, fallbackDate),
        block.status,
      ),
    );
  return Packer.toBuffer(treatyDocument(masthead, body, notes, comments));
}

/**
 * RV14: a whole text (the live text or a revision) as a Word document: the treaty in the notation (brackets,
 * options, alt, status in words) and its open proposals as Word tracked changes authored by their delegation
 * and dated when they were made.
 */
export async function readingToDocx(reading: TreatyReading, masthead: Masthead): Promise<Buffer> {
  let id = 0;
  const openProposal = (proposal: string | null) =>
    proposal !== null && reading.proposals.get(proposal)?.status === 'open' ? proposal : null;
  const tracked = (kind: 'insert' | 'delete', text: string, proposal: string): Run => {
    const change = {
      text,
      id: ++id,
      author: proposalAuthorName(reading, proposal),
      date: wordDate(reading.proposals.get(proposal)?.createdAt ?? new Date().toISOString()),
    };
    return kind === 'insert' ? new InsertedTextRun(change) : new DeletedTextRun(change);
  };
  const body = reading.blocks
    .filter((block: ReadingBlock) => block.kind !== 'title' && block.kind !== 'preamble')
    .map((block) => {
      const whole = openProposal(block.inserted) ?? openProposal(block.deleted);
      const runs = blockNotation(block, reading, 'inline').map((piece): Run => {
        if (whole) return tracked(block.inserted === whole ? 'insert' : 'delete', piece.text, whole);
        const inserted = openProposal(piece.run?.insertion ?? null);
        const deleted = openProposal(piece.run?.deletion ?? null);
        if (inserted) return tracked('insert', piece.text, inserted);
        if (deleted) return tracked('delete', piece.text, deleted);
        return new TextRun({ text: piece.text });
      });
      const note = blockProposalNote(block, reading);
      const prefix = note ? [new TextRun({ text: `[${note}] `, italics: true })] : [];
      return blockParagraph(block.kind, block.label, runs, statusWords(block), prefix);
    });
  return Packer.toBuffer(treatyDocument(masthead, body));
}

const COMPILED_STYLE = ['TreatyParagraph', 'TreatySubparagraph', 'TreatyClause'] as const;

/** One block of a compiled paragraph, in the treaty's style for its level. */
function compiledParagraph(line: CompiledLine): Paragraph {
  return new Paragraph({
    style: COMPILED_STYLE[Math.min(line.level, 2)],
    children: [new TextRun({ text: `${line.label}\t` }), new TextRun({ text: line.text })],
  });
}

/**
 * PR12, RV14: the compilation of proposals as a Word document a secretariat circulates: per paragraph its
 * location, its base text in the treaty's styles, then each proposal with its attribution formula and the
 * paragraph as it would read.
 */
export async function compilationToDocx(compilation: Compilation, masthead: Masthead): Promise<Buffer> {
  const body: Paragraph[] = [];
  for (const entry of compilation.entries) {
    body.push(new Paragraph({ style: 'TreatyArticle', children: [new TextRun(entry.location)] }));
    if (entry.base.length === 0) body.push(new Paragraph({ style: 'TreatyNote', text: 'New paragraph' }));
    body.push(...entry.base.map(compiledParagraph));
    for (const proposal of entry.proposals) {
      body.push(
        new Paragraph({
          style: 'TreatyNote',
          children: [new TextRun({ text: `${proposal.attribution} (${proposal.what}):`, bold: true })],
        }),
      );
      if (proposal.what === 'delete the paragraph')
        body.push(new Paragraph({ style: 'TreatyNote', text: '[paragraph deleted]' }));
      body.push(...proposal.lines.map(compiledParagraph));
      if (proposal.note) body.push(new Paragraph({ style: 'TreatyNote', text: `Note: ${proposal.note}` }));
    }
  }
  if (compilation.entries.length === 0)
    body.push(new Paragraph({ style: 'TreatyNote', text: 'No open proposals.' }));
  return Packer.toBuffer(treatyDocument(masthead, body));
}
