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

/**
 * The proposal records and positions of a session's Y.Doc as an external store: re-read whenever either map
 * changes (locally or from the server), so React and the editor plugins see one consistent snapshot.
 */
export class ProposalStore {
  #info: ProposalInfo;
  readonly #listeners = new Set<() => void>();
  readonly #stop: () => void;

  constructor(ydoc: Y.Doc) {
    this.#info = read(ydoc);
    const refresh = () => {
      this.#info = read(ydoc);
      for (const listener of this.#listeners) listener();
    };
    const records = ydoc.getMap(PROPOSALS_MAP);
    const positions = ydoc.getMap(POSITIONS_MAP);
    records.observe(refresh);
    positions.observe(refresh);
    this.#stop = () => {
      records.unobserve(refresh);
      positions.unobserve(refresh);
    };
  }

  get = (): ProposalInfo => this.#info;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }
}
