import type { BlockDiff, TreatyDiff } from '@travaux/shared';
import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { authorName } from './authors.ts';

/** What the Word file is titled and dated with. */
export interface DocxHeader {
  readonly title: string;
  readonly subtitle: string;
  /** ISO time stamped on every tracked change. */
  readonly date: string;
}

function blockParagraph(block: BlockDiff, nextId: () => number, date: string): Paragraph {
  const label = block.newLabel ?? block.oldLabel ?? '';
  const heading = block.kind === 'article' || block.kind === 'chapter';
  const runs: (TextRun | InsertedTextRun | DeletedTextRun)[] = [];
  if (label && !heading) runs.push(new TextRun({ text: `${label}\t` }));
  if (heading && label) runs.push(new TextRun({ text: `${label}: `, bold: true }));
  for (const part of block.parts) {
    if (part.type === 'equal') runs.push(new TextRun({ text: part.text, bold: heading }));
    else if (part.type === 'insert') {
      runs.push(
        new InsertedTextRun({ text: part.text, id: nextId(), author: authorName(part.author), date }),
      );
    } else {
      runs.push(new DeletedTextRun({ text: part.text, id: nextId(), author: authorName(part.author), date }));
    }
  }
  return new Paragraph({
    children: runs,
    ...(heading
      ? { heading: block.kind === 'chapter' ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }
      : {}),
    ...(block.kind === 'subparagraph'
      ? { indent: { left: 720 } }
      : block.kind === 'clause'
        ? { indent: { left: 1440 } }
        : {}),
  });
}

/**
 * RV9: the newer text as a Word document whose changes are real Word tracked changes (w:ins / w:del), each
 * authored by the delegation whose proposal made it (or the Chair), as UN practice asks for revisions.
 */
export async function diffToDocx(diff: TreatyDiff, header: DocxHeader): Promise<Buffer> {
  let id = 0;
  const nextId = () => ++id;
  const document = new Document({
    creator: 'Travaux',
    title: header.title,
    features: { trackRevisions: true },
    sections: [
      {
        children: [
          new Paragraph({ text: header.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: header.subtitle, italics: true })] }),
          ...diff.blocks.map((block) => blockParagraph(block, nextId, header.date)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
