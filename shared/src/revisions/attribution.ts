import type { BracketRecord } from '../brackets/model.ts';
import type { DelegationId } from '../ids.ts';
import { proposerName } from '../proposals/attribution.ts';
import type { ChairEdit } from '../proposals/chair-edits.ts';
import type { ProposalRecord } from '../proposals/model.ts';

/**
 * Who made a change between two texts (RV6, RV10–RV12), read from the record: the proposal marking the text, the
 * decided proposal that added or removed it (its text or its blocks), the chair's decision on brackets and
 * options, else the Chair's own edit.
 */

/** Who a change is attributed to: a delegation id, or CHAIR for the chair's direct edits and proposals. */
export type ChangeAuthor = DelegationId | 'CHAIR';
export const CHAIR: ChangeAuthor = 'CHAIR';

/** An attribution: who, when (ISO time, when the record knows it), whether still open, which decision. */
export interface Attribution {
  readonly author: ChangeAuthor;
  readonly at?: string;
  /** An open proposal: still undecided in the newer text. */
  readonly open?: boolean;
  /** The chair's decision on brackets that made the change: "the Chair's choice of Option 2 (Mexico)". */
  readonly decision?: string;
}

const authorOf = (delegation: DelegationId | null): ChangeAuthor => delegation ?? CHAIR;

/** The records of the two texts, for attribution. */
export interface AttributionRecords {
  readonly older: ReadonlyMap<string, ProposalRecord>;
  readonly newer: ReadonlyMap<string, ProposalRecord>;
  readonly newerBrackets: ReadonlyMap<string, BracketRecord>;
  /** The chair's direct edits recorded in each text (PR14). */
  readonly olderChairEdits?: readonly ChairEdit[];
  readonly newerChairEdits?: readonly ChairEdit[];
}

/** Answers "who made this change" from the records of both texts. */
export class Attributor {
  /** Proposals decided between the two texts (accepted, rejected...), newest record. */
  readonly decided: readonly ProposalRecord[];
  private readonly blockOwners = new Map<string, ProposalRecord>();
  /** For each bracket derived by the chair: the record it was derived into, by option id (BR6, BR7). */
  private readonly derivedBy = new Map<string, BracketRecord>();
  /** When the options of each group were settled, by group key. */
  private readonly decidedAt = new Map<string, string>();

  constructor(private readonly records: AttributionRecords) {
    this.decided = [...records.newer.values()].filter(
      (record) => record.status !== 'open' && records.older.get(record.id)?.status !== record.status,
    );
    for (const record of this.decided) {
      if (record.status !== 'accepted') continue;
      for (const id of record.decision?.blocks ?? []) this.blockOwners.set(id, record);
    }
    for (const record of records.newerBrackets.values()) {
      for (const option of record.derivedFrom?.options ?? []) this.derivedBy.set(option.id, record);
      if (record.derivedFrom) this.derivedBy.set(record.group ?? record.id, record);
      // The decision's time is the resolution of the options it settled (BR6).
      const at = record.resolution?.at;
      const key = record.group ?? record.id;
      if (
        at &&
        (record.status === 'not-chosen' || record.status === 'merged') &&
        at > (this.decidedAt.get(key) ?? '')
      )
        this.decidedAt.set(key, at);
    }
  }

  /** The proposal `id` as the newer text (else the older) records it. */
  proposal(id: string | null): ProposalRecord | null {
    if (!id) return null;
    return this.records.newer.get(id) ?? this.records.older.get(id) ?? null;
  }

  /** The attribution of text a proposal marks, dated when it was made (or decided, once accepted). */
  ofProposal(id: string | null): Attribution | null {
    const record = this.proposal(id);
    if (!record) return null;
    const open = record.status === 'open';
    return {
      author: authorOf(record.delegation),
      at: (open ? record.createdAt : record.decision?.at) || record.createdAt,
      ...(open ? { open: true } : {}),
    };
  }

  /** RV10: a block an accepted proposal added or removed (its decision keeps the block ids). */
  ofBlock(id: string): Attribution | null {
    const record = this.blockOwners.get(id);
    return record ? this.ofProposal(record.id) : null;
  }

  /** Text an accepted proposal's recorded text contains (the words lost their marks when accepted). */
  ofAcceptedText(text: string, field: 'inserted' | 'deleted'): Attribution | null {
    const needle = text.trim();
    if (!needle) return null;
    // The recorded text may be part of a word the word diff shows whole ("For the purp" of "For the purposes").
    const match = this.decided.find((record) => {
      const recorded = record.decision?.[field].trim();
      return (
        record.status === 'accepted' && !!recorded && (recorded.includes(needle) || needle.includes(recorded))
      );
    });
    return match ? this.ofProposal(match.id) : null;
  }

  /** PR14: the chair's direct edits made between the two texts and not undone, newest first. */
  private chairEditsBetween(): ChairEdit[] {
    const before = new Set((this.records.olderChairEdits ?? []).map((edit) => edit.id));
    return [...(this.records.newerChairEdits ?? [])]
      .filter((edit) => !before.has(edit.id) && !edit.undone)
      .reverse();
  }

  /**
   * PR14, RV14: the chair's direct edit whose recorded words hold `text` (or are held by it): the Chair's,
   * dated when the edit was made. Null when none records it.
   */
  ofChairEdit(text: string, field: 'inserted' | 'deleted'): Attribution | null {
    const needle = text.trim();
    if (!needle) return null;
    const edit = this.chairEditsBetween().find((edit) => {
      const words = (field === 'inserted' ? edit.inserted : edit.removed).trim();
      return !!words && (words.includes(needle) || needle.includes(words));
    });
    return edit ? { author: CHAIR, at: edit.at } : null;
  }

  /**
   * RV6, PR14: `text` cut word by word among the accepted proposals and the chair's recorded edits whose words
   * occur in it (accepted words lose their marks, so proposals made side by side, and the chair's typing next to
   * them, read as one run): a word (with the spaces before it) that recorded words cover, even in part, is
   * theirs; a word none covers is the Chair's, undated (null). One piece, credited as `ofAcceptedText` or
   * `ofChairEdit` credit it, when no recorded words occur whole in `text` (it is part of what was recorded).
   */
  acceptedPieces(text: string, field: 'inserted' | 'deleted'): { text: string; by: Attribution | null }[] {
    const candidates = [
      ...this.decided
        .filter((record) => record.status === 'accepted')
        .map((record) => ({
          words: record.decision?.[field].trim() ?? '',
          by: () => this.ofProposal(record.id),
        })),
      ...this.chairEditsBetween().map((edit) => ({
        words: (field === 'inserted' ? edit.inserted : edit.removed).trim(),
        by: (): Attribution => ({ author: CHAIR, at: edit.at }),
      })),
    ]
      .filter((candidate) => candidate.words)
      .sort((a, b) => b.words.length - a.words.length);
    const cuts: { from: number; to: number; by: () => Attribution | null }[] = [];
    for (const { words, by } of candidates) {
      for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + words.length)) {
        const to = at + words.length;
        if (!cuts.some((cut) => cut.from < to && at < cut.to)) cuts.push({ from: at, to, by });
      }
    }
    if (cuts.length === 0)
      return [{ text, by: this.ofAcceptedText(text, field) ?? this.ofChairEdit(text, field) }];
    const pieces: { text: string; cut: (typeof cuts)[number] | null }[] = [];
    for (const token of text.matchAll(/\s*\S+|\s+$/g)) {
      const from = token.index;
      const to = from + token[0].length;
      const cut = cuts.find((c) => c.from < to && from < c.to) ?? null;
      const last = pieces.at(-1);
      // Trailing spaces go with the words before them.
      if (last && (last.cut === cut || !token[0].trim())) last.text += token[0];
      else pieces.push({ text: token[0], cut });
    }
    return pieces.map(({ text, cut }) => ({ text, by: cut ? cut.by() : null }));
  }

  /**
   * RV11: a change the chair's decision on bracket `id` made (pick, merge, agree, drop) or its owner's lifting:
   * "the Chair's choice of Option 2 (Mexico)". Null when the bracket is open and not derived.
   */
  ofBracket(id: string): Attribution | null {
    const record = this.records.newerBrackets.get(id);
    const key = record ? (record.group ?? record.id) : id;
    const derived =
      this.derivedBy.get(id) ??
      (record?.derivedFrom ? record : undefined) ??
      (record?.status === 'not-chosen' ? this.derivedBy.get(key) : undefined);
    const at = record?.resolution?.at ?? this.decidedAt.get(key) ?? this.decidedAt.get(derived?.id ?? '');
    if (derived?.derivedFrom) {
      const options = derived.derivedFrom.options.map(
        (option) => `${option.n} (${proposerName(option.delegation)})`,
      );
      const decision =
        options.length === 1
          ? `the Chair's choice of Option ${options[0]}`
          : `the Chair's merger of Options ${options.slice(0, -1).join(', ')} and ${options.at(-1)}`;
      return { author: CHAIR, decision, at: at ?? derived.createdAt };
    }
    if (!record || record.status === 'open') return null;
    const by = `${proposerName(record.delegation)}'s bracket`;
    const decision =
      record.status === 'lifted'
        ? `${by}, lifted by its owner`
        : record.status === 'agreed'
          ? `${by}, agreed by the Chair`
          : record.status === 'dropped'
            ? `${by}, dropped by the Chair`
            : `${by}, resolved by the Chair`;
    return {
      author: record.status === 'lifted' ? authorOf(record.delegation) : CHAIR,
      decision,
      ...(at ? { at } : {}),
    };
  }
}
