import { delegationColor, progressLine, type TreatyDiff } from '@travaux/shared';
import { authorName } from './authors.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** RV9: a print-ready HTML page of a diff: summary, counts per delegation, the text with its changes. */
export function diffToHtml(diff: TreatyDiff, title: string, subtitle: string): string {
  const colour = (author: string | undefined) =>
    author && author !== 'CHAIR' ? delegationColor(author) : '#4a5563';
  const rows = diff.byAuthor
    .map(
      (a) =>
        `<tr><th scope="row">${escapeHtml(authorName(a.author))}</th><td>${a.added}</td><td>${a.removed}</td></tr>`,
    )
    .join('');
  const blocks = diff.blocks
    .map((block) => {
      const label = escapeHtml(block.newLabel ?? block.oldLabel ?? '');
      const body = block.parts
        .map((part) => {
          const who = escapeHtml(authorName(part.author));
          if (part.type === 'insert') {
            return `<ins style="text-decoration-color:${colour(part.author)}" title="${who}">${escapeHtml(part.text)}</ins>`;
          }
          if (part.type === 'delete') {
            return `<del style="text-decoration-color:${colour(part.author)}" title="${who}">${escapeHtml(part.text)}</del>`;
          }
          return escapeHtml(part.text);
        })
        .join('');
      const note = [
        block.moved ? 'moved' : '',
        block.change === 'inserted' ? 'new' : '',
        block.change === 'deleted' ? 'deleted' : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `<p class="${block.kind}"><span class="label">${label}</span> ${body}${note ? ` <small>(${note})</small>` : ''}</p>`;
    })
    .join('\n');
  const s = diff.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:'Times New Roman',serif;max-width:46rem;margin:2rem auto;line-height:1.5;color:#1d232b}
h1{font-size:1.3rem;text-align:center}.sub{text-align:center;font-style:italic}
ins{text-decoration:underline 2px}del{text-decoration:line-through 2px;color:#5b6570}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
.article,.chapter{font-weight:bold;text-align:center;margin-top:1.5rem}.subparagraph{margin-left:2.5rem}.clause{margin-left:5rem}
.label{display:inline-block;min-width:2.5rem}@media print{body{margin:0}}
</style></head><body>
<h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p>
<p>Words added: ${s.wordsAdded}; words removed: ${s.wordsRemoved}; paragraphs added: ${s.blocksAdded}; removed: ${s.blocksRemoved}; moved: ${s.blocksMoved}; proposals accepted: ${s.proposalsAccepted}; rejected: ${s.proposalsRejected}.</p>
<p>${escapeHtml(progressLine(s))}</p>
<table><thead><tr><th scope="col">Changes by</th><th scope="col">Words added</th><th scope="col">Words removed</th></tr></thead><tbody>${rows}</tbody></table>
${blocks}
</body></html>
`;
}
