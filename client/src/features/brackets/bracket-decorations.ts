import { type BracketScan, scanBrackets } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import {
  type BracketMarker,
  bracketDescription,
  bracketMarkers,
  MAX_STYLED_DEPTH,
} from './bracket-markers.ts';
import type { BracketRecords } from './bracket-store.ts';

/** The brackets plugin's state: the scan of the current document (counts, navigation) and its widgets. */
export interface BracketsState {
  readonly scan: BracketScan;
  readonly records: BracketRecords;
  readonly set: DecorationSet;
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
 * The brackets plugin: scans the document for brackets when (and only when) it changes, and draws them as
 * square-bracket widgets whose colour and weight tell the depth, with the owner on hover.
 */
export function bracketsPlugin(initial: BracketRecords): Plugin<BracketsState> {
  return new Plugin<BracketsState>({
    key: bracketsKey,
    state: {
      init: (_config, state) => {
        const scan = scanBrackets(state.doc);
        return { scan, records: initial, set: bracketDecorations(state.doc, scan, initial) };
      },
      apply(tr, value) {
        const meta = tr.getMeta(bracketsKey) as BracketRecords | 'edit' | undefined;
        const records = meta && meta !== 'edit' ? meta : value.records;
        if (records === value.records && !tr.docChanged) return value;
        const scan = tr.docChanged ? scanBrackets(tr.doc) : value.scan;
        return { scan, records, set: bracketDecorations(tr.doc, scan, records) };
      },
    },
    props: {
      decorations: (state) => bracketsKey.getState(state)?.set,
    },
  });
}
