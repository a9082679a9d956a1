import { readBrackets, readProposals, readTreaty, type TreatyReading, treatyFromYDoc } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The treaty of a Y.Doc and which proposals are open, at one moment. */
export interface TreatySnapshot {
  readonly doc: Node;
  readonly isOpenProposal: (id: string) => boolean;
  /** The one reading of the text with its records (RD1), which the views show. */
  readonly reading: TreatyReading;
}

function snapshot(ydoc: Y.Doc): TreatySnapshot {
  const records = readProposals(ydoc);
  const doc = treatyFromYDoc(ydoc);
  return {
    doc,
    isOpenProposal: (id) => records.get(id)?.status === 'open',
    reading: readTreaty(doc, { proposals: records, brackets: readBrackets(ydoc) }),
  };
}

/** The live treaty of `ydoc` (null while there is none), re-read at most once per frame after any update. */
export function useLiveTreaty(ydoc: Y.Doc | null, ready: boolean): TreatySnapshot | null {
  const [current, setCurrent] = useState<TreatySnapshot | null>(null);
  useEffect(() => {
    if (!ydoc || !ready) return;
    let frame = 0;
    const refresh = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setCurrent(snapshot(ydoc));
      });
    };
    setCurrent(snapshot(ydoc));
    ydoc.on('update', refresh);
    return () => {
      ydoc.off('update', refresh);
      cancelAnimationFrame(frame);
    };
  }, [ydoc, ready]);
  return current;
}
