import {
  type BlockDiff,
  counted,
  type DiffPart,
  delegationColor,
  progressLine,
  type TreatyDiff,
} from '@travaux/shared';
import { authorName } from './authors.ts';
import { type Masthead, mastheadLines } from './masthead.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const plural = counted;

/**
 * The print stylesheet of every printed text (RV14): A4 with UN margins, the symbol at the top of each page and
 * the page number at the bottom, the treaty's own paragraph styles (article headings centred, numbered
 * paragraphs with a hanging label).
 */
export function printStyles(symbol: string): string {
  const quoted = JSON.stringify(symbol);
  return `
@page{size:A4;margin:25mm 22mm 25mm 22mm;@top-right{content:${quoted};font:bold 10pt 'Times New Roman',serif}@bottom-center{content:counter(page);font:10pt 'Times New Roman',serif}}
body{font-family:'Times New Roman',serif;font-size:12pt;max-width:46rem;margin:2rem auto;line-height:1.4;color:#000}
.masthead{text-align:right;border-bottom:1.5pt solid #000;padding-bottom:.3rem;margin-bottom:1rem}
.masthead p{margin:0}.masthead .symbol{font-weight:bold;font-size:14pt}
h1{font-size:14pt;text-align:center;margin:1rem 0}.sub{text-align:center;font-style:italic}
ins{text-decoration:underline 2px}del{text-decoration:line-through 2px;color:#444}
ins.open,del.open{text-decoration-style:dashed}
.who{font-size:8pt;vertical-align:super;color:#333}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.2rem .6rem;text-align:left}
.chapter,.division,.article{font-weight:bold;text-align:center;margin:1.2rem 0 .6rem;break-after:avoid}
.chapter .label,.division .label,.article .label{display:block}
.paragraph,.preambular_paragraph,.subparagraph,.clause{padding-left:2.5rem;text-indent:-2.5rem;text-align:justify;margin:.4rem 0}
.subparagraph{margin-left:2.5rem}.clause{margin-left:5rem}
.paragraph .label,.preambular_paragraph .label,.subparagraph .label,.clause .label{display:inline-block;width:2.5rem;text-indent:0}
.status{font-style:italic}.note{font-size:10pt;font-style:italic;color:#333}
@media print{body{margin:0;max-width:none}}
`;
}

/** The masthead of a printed document: symbol, distribution, date, original language. */
export function mastheadHtml(masthead: Masthead): string {
  const [symbol, ...rest] = mastheadLines(masthead);
  return `<header class="masthead"><p class="symbol">${escapeHtml(symbol!)}</p>${rest.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</header>
<h1>${escapeHtml(masthead.title || 'Treaty text')}</h1>${masthead.subtitle ? `<p class="sub">${escapeHtml(masthead.subtitle)}</p>` : ''}`;
}

function partHtml(part: DiffPart): string {
  if (part.type === 'equal') return escapeHtml(part.text);
  const who = authorName(part.author);
  const colour = part.author && part.author !== 'CHAIR' ? delegationColor(part.author) : '#4a5563';
  const title = [who, part.decision, part.open ? 'proposed, not decided' : ''].filter(Boolean).join(': ');
  const tag = part.type === 'insert' ? 'ins' : 'del';
  return `<${tag}${part.open ? ' class="open"' : ''} style="text-decoration-color:${colour}" title="${escapeHtml(title)}">${escapeHtml(part.text)}</${tag}>`;
}

/** The names after a block's changes, so that print shows who made them without colour (SS6, DL5). */
function authorsNote(block: BlockDiff): string {
  const names = new Set<string>();
  for (const part of block.parts) {
    if (part.type === 'equal' || part.notation) continue;
    names.add(part.decision ? `${authorName(part.author)}: ${part.decision}` : authorName(part.author));
  }
  return names.size > 0 ? ` <span class="who">[${escapeHtml([...names].join('; '))}]</span>` : '';
}

/**
 * RV9, RV14: the print page of a comparison: masthead, summary, counts per delegation, then the newer text in
 * the treaty's styles with each change marked and attributed in words (not by colour alone).
 */
export function diffToHtml(diff: TreatyDiff, masthead: Masthead): string {
  const rows = diff.byAuthor
    .map(
      (a) =>
        `<tr><th scope="row">${escapeHtml(authorName(a.author))}</th><td>${a.added}</td><td>${a.removed}</td></tr>`,
    )
    .join('');
  const blocks = diff.blocks
    .filter((block) => block.kind !== 'title' || block.change !== 'unchanged')
    .map((block) => {
      const label = escapeHtml(block.newLabel ?? block.oldLabel ?? '');
      const body = block.parts.map(partHtml).join('');
      const note = [
        block.moved ? 'moved' : '',
        block.change === 'inserted' ? 'new' : '',
        block.change === 'deleted' ? 'deleted' : '',
      ]
        .filter(Boolean)
        .join(', ');
      const status = block.status ? ` <span class="status">(${escapeHtml(block.status)})</span>` : '';
      return `<p class="${block.kind}"><span class="label">${label}</span>${body}${status}${authorsNote(block)}${note ? ` <small>(${note})</small>` : ''}</p>`;
    })
    .join('\n');
  const s = diff.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(masthead.symbol ?? masthead.title)}</title>
<style>${printStyles(masthead.symbol ?? masthead.title)}</style></head><body>
${mastheadHtml(masthead)}
<p class="note">${plural(s.wordsAdded, 'word')} added, ${plural(s.wordsRemoved, 'word')} removed; ${plural(s.blocksAdded, 'paragraph')} added, ${s.blocksRemoved} removed, ${s.blocksMoved} moved; ${plural(s.proposalsAccepted, 'proposal')} accepted, ${s.proposalsRejected} rejected. ${escapeHtml(progressLine(s))}</p>
<table><thead><tr><th scope="col">Changes by</th><th scope="col">Words added</th><th scope="col">Words removed</th></tr></thead><tbody>${rows}</tbody></table>
${blocks}
</body></html>
`;
}
