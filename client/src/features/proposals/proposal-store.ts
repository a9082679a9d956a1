import {
  attributionLine,
  type DelegationId,
  POSITIONS_MAP,
  type Position,
  PROPOSALS_MAP,
  type ProposalRecord,
  readPositions,
  readProposals,
} from '@travaux/shared';
import type * as Y from 'yjs';
import { YMapsStore } from '../../sync/y-maps-store.ts';

/** What the client knows of the proposals of a document at one moment. */
export interface ProposalInfo {
  readonly records: ReadonlyMap<string, ProposalRecord>;
  readonly positions: ReadonlyMap<string, ReadonlyMap<DelegationId, Position>>;
  /** The attribution formula of each proposal (PR10). */
  readonly lines: ReadonlyMap<string, string>;
}

function read(ydoc: Y.Doc): ProposalInfo {
  const records = readProposals(ydoc);
  const positions = new Map<string, ReadonlyMap<DelegationId, Position>>();
  const lines = new Map<string, string>();
  for (const [id, record] of records) {
    const taken = readPositions(ydoc, id);
    positions.set(id, taken);
    lines.set(id, attributionLine(record, taken));
  }
  return { records, positions, lines };
}

/** The proposal records and positions of a session's Y.Doc, re-read whenever either map changes. */
export class ProposalStore extends YMapsStore<ProposalInfo> {
  constructor(ydoc: Y.Doc) {
    super(ydoc, [PROPOSALS_MAP, POSITIONS_MAP], read);
  }
}
