import { type OutlineEntry, treatyOutline } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';

/** The text of an outline button: "Article 3 — Jurisdiction", or just the number while the heading is empty. */
export function outlineText(entry: OutlineEntry): string {
  const heading = entry.heading.trim();
  return heading === '' ? entry.label : `${entry.label} — ${heading}`;
}

/**
 * Where `entry` is in `doc` now: found again by id, since remote edits may have moved it since the outline
 * was drawn; by position when it has no id. Null when it is gone.
 */
export function locateEntry(doc: Node, entry: OutlineEntry): number | null {
  const current = treatyOutline(doc);
  const match =
    entry.id !== null
      ? current.find((e) => e.id === entry.id && e.kind === entry.kind)
      : current.find((e) => e.pos === entry.pos && e.kind === entry.kind);
  return match ? match.pos : null;
}

/** A cursor at the end of the heading of the chapter or article at `pos`. */
export function headingSelection(doc: Node, pos: number): TextSelection {
  const container = doc.nodeAt(pos);
  const heading = container?.firstChild;
  if (!container || !heading) throw new Error(`headingSelection: no chapter or article at ${pos}`);
  // Inside the container (+1), inside its heading (+1), after the heading's text.
  return TextSelection.create(doc, pos + 2 + heading.content.size);
}
