import { type BracketScan, MarkName, scanBrackets } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { changesMapping, textblockChanges } from '../../editor/block-decorations.ts';
import {
  type BracketMarker,
  bracketDescription,
  bracketMarkers,
  MAX_STYLED_DEPTH,
} from './bracket-markers.ts';
import type { BracketRecords } from './bracket-store.ts';

/** The brackets plugin's state: the scan of the current document (counts, navigation) and its widgets. */
export interface BracketsState {
  /** Computed on first use after a change that only moved the brackets (see `movedOnly`). */
  readonly scan: BracketScan;
  readonly records: BracketRecords;
  readonly set: DecorationSet;
}

/** A state whose scan of `doc` is made when first read (`known` when it is at hand). */
function stateOf(doc: Node, records: BracketRecords, set: DecorationSet, known?: BracketScan): BracketsState {
  let scan = known ?? null;
  return {
    records,
    set,
    get scan() {
      scan ??= scanBrackets(doc);
      return scan;
    },
  };
}

/** The ids of the brackets on the text of a textblock, in order, as one string to compare. */
function bracketIdsOf(textblock: Node): string {
  const ids: string[] = [];
  textblock.forEach((child) => {
    for (const mark of child.marks) if (mark.type.name === MarkName.bracket) ids.push(String(mark.attrs.id));
  });
  return [...new Set(ids)].join(' ');
}

/**
 * The widgets of `before` moved to `after`, when every change stays inside a textblock, places or removes no
 * bracket there and touches no bracket's edge (typing inside or outside brackets, the usual case, also for
 * remote keystrokes in several paragraphs at once); null when the brackets must be found again.
 */
function movedOnly(set: DecorationSet, before: Node, after: Node): DecorationSet | null {
  const changes = textblockChanges(before, after);
  if (changes === null) return set;
  if (changes === 'structure') return null;
  for (const change of changes) {
    if (
      bracketIdsOf(before.resolve(change.from).parent) !==
      bracketIdsOf(after.resolve(change.fromAfter).parent)
    )
      return null;
    const atEdge = (pos: number) => pos >= change.from && pos <= change.toBefore;
    if (set.find(change.from, change.toBefore).some((d) => atEdge(d.from) || atEdge(d.to))) return null;
  }
  return set.map(changesMapping(changes), after);
}

/**
 * Key of the brackets plugin. Dispatch `setMeta(bracketsKey, records)` when the records change; transactions
 * of the brackets feature also carry `setMeta(bracketsKey, 'edit')` so proposal mode lets them through.
 */
export const bracketsKey = new PluginKey<BracketsState>('brackets');

/** The widget of one marker: the bracket character, outside the text (not selectable, not copied). */
function markerWidget(marker: BracketMarker): Decoration {
  const depth = Math.min(marker.depth, MAX_STYLED_DEPTH);
  return Decoration.widget(
    marker.pos,
    () => {
      const span = document.createElement('span');
      span.className = `bracket-widget bracket-${marker.edge} depth-${depth}`;
      const label = /^\[(Option \d+:) $/.exec(marker.text);
      if (label) {
        const option = document.createElement('span');
        option.className = 'option-label';
        option.textContent = `${label[1]} `;
        span.append('[', option);
      } else span.textContent = marker.text;
      span.title = marker.owner;
      span.setAttribute(
        'aria-label',
        `${marker.edge === 'open' ? 'Opening' : 'Closing'} bracket: ${marker.owner}`,
      );
      span.setAttribute('role', 'img');
      span.dataset.bracketFor = marker.id;
      return span;
    },
    {
      side: marker.side,
      ignoreSelection: true,
      marks: [],
      key: `${marker.id}:${marker.edge}:${marker.text}:${marker.depth}:${marker.owner}`,
    },
  );
}

/** The widgets and, on each bracketed run, an inline class with its depth and owner (hover shows it). */
export function bracketDecorations(doc: Node, scan: BracketScan, records: BracketRecords): DecorationSet {
  const decorations = bracketMarkers(doc, scan, records).map(markerWidget);
  for (const span of scan.spans) {
    if (span.kind !== 'inline' || span.from >= span.to) continue;
    decorations.push(
      Decoration.inline(span.from, span.to, {
        class: `bracket-text depth-${Math.min(span.depth, MAX_STYLED_DEPTH)}`,
        title: bracketDescription(span, records),
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * The brackets plugin: draws the brackets as square-bracket widgets whose colour and weight tell the depth,
 * with the owner on hover. It scans the document again only when a change may have placed, removed or moved
 * a bracket; otherwise the widgets are only moved and the scan is made when something reads it.
 */
export function bracketsPlugin(initial: BracketRecords): Plugin<BracketsState> {
  return new Plugin<BracketsState>({
    key: bracketsKey,
    state: {
      init: (_config, state) => {
        const scan = scanBrackets(state.doc);
        return stateOf(state.doc, initial, bracketDecorations(state.doc, scan, initial), scan);
      },
      apply(tr, value) {
        const meta = tr.getMeta(bracketsKey) as BracketRecords | 'edit' | undefined;
        const records = meta && meta !== 'edit' ? meta : value.records;
        if (records === value.records && !tr.docChanged) return value;
        if (records === value.records) {
          const moved = movedOnly(value.set, tr.before, tr.doc);
          if (moved) return stateOf(tr.doc, records, moved);
        }
        const scan = tr.docChanged ? scanBrackets(tr.doc) : value.scan;
        return stateOf(tr.doc, records, bracketDecorations(tr.doc, scan, records), scan);
      },
    },
    props: {
      decorations: (state) => bracketsKey.getState(state)?.set,
    },
  });
}
