import { type BracketScan, type BracketSpan, bracketOwnerName } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import type { BracketRecords } from './bracket-store.ts';

/** One visible square bracket drawn beside the text (never in it): where, which side, and what it says. */
export interface BracketMarker {
  readonly id: string;
  readonly edge: 'open' | 'close';
  /** Where the widget sits in the document. */
  readonly pos: number;
  /**
   * Orders widgets at one position: closing brackets (negative, innermost first) before opening ones
   * (positive, outermost first), so "a]] [[b" reads right and the caret stays outside the bracket.
   */
  readonly side: number;
  /** "[", "[Option 2: ", "]". */
  readonly text: string;
  readonly depth: number;
  /** Who asked for it and why, for the title and the accessible label. */
  readonly owner: string;
}

/** The deepest depth with a style of its own (depth-4 stands for 4 and deeper). */
export const MAX_STYLED_DEPTH = 4;

/** "Bracket of Russian Federation: not agreed yet", "Option 2 of Mexico". */
export function bracketDescription(span: BracketSpan, records: BracketRecords): string {
  const record = records.get(span.id);
  const owner = record ? bracketOwnerName(record) : 'an unknown delegation';
  const what = span.option !== null ? `Option ${span.option}` : 'Bracket';
  const reason = record?.reason ? `: ${record.reason}` : '';
  return `${what} of ${owner}${reason}`;
}

/** The first and last text positions inside the block at `pos` (its first and last textblock's content). */
export function blockEdges(doc: Node, pos: number): { start: number; end: number } | null {
  const node = doc.nodeAt(pos);
  if (!node) return null;
  let start = -1;
  let end = -1;
  node.descendants((child, offset) => {
    if (!child.isTextblock) return true;
    const at = pos + 1 + offset + 1;
    if (start < 0) start = at;
    end = at + child.content.size;
    return false;
  });
  return start < 0 ? null : { start, end };
}

/**
 * The markers of every bracket of `scan` (BR1, BR3, BR5): "[" before and "]" after each inline bracket, at the
 * start and end of a bracketed block's text, options labelled "Option n:".
 */
export function bracketMarkers(doc: Node, scan: BracketScan, records: BracketRecords): BracketMarker[] {
  const markers: BracketMarker[] = [];
  for (const span of scan.spans) {
    const edges = span.kind === 'inline' ? { start: span.from, end: span.to } : blockEdges(doc, span.from);
    if (!edges) continue;
    const owner = bracketDescription(span, records);
    const label = span.option !== null && span.kind === 'inline' ? `[Option ${span.option}: ` : '[';
    markers.push({
      id: span.id,
      edge: 'open',
      pos: edges.start,
      side: span.depth,
      text: label,
      depth: span.depth,
      owner,
    });
    markers.push({
      id: span.id,
      edge: 'close',
      pos: edges.end,
      side: -span.depth,
      text: ']',
      depth: span.depth,
      owner,
    });
  }
  return markers;
}
