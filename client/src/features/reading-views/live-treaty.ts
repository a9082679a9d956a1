import { readProposals, treatyFromYDoc } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The treaty of a Y.Doc and which proposals are open, at one moment. */
export interface TreatySnapshot {
  readonly doc: Node;
  readonly isOpenProposal: (id: string) => boolean;
}

function snapshot(ydoc: Y.Doc): TreatySnapshot {
  const records = readProposals(ydoc);
  return { doc: treatyFromYDoc(ydoc), isOpenProposal: (id) => records.get(id)?.status === 'open' };
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
