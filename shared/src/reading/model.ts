import type { BracketRecord } from '../brackets/model.ts';
import type { DelegationId } from '../ids.ts';
import type { ProposalRecord, ProposalStatus } from '../proposals/model.ts';
import type { ParagraphStatus } from '../status/model.ts';

/**
 * The one reading of a treaty (RD rules in SPEC.md): the intermediate form every output is a view of. A
 * reading is a list of blocks in document order, each with its number, its location as people say it, its
 * status and its own text as runs that carry every annotation of the record (proposals, brackets).
 */

/** The kinds of block a reading holds: the title, the preamble's marker and every block with text of its own. */
export type ReadingBlockKind =
  | 'title'
  | 'preamble'
  | 'preambular_paragraph'
  /** ST8: the preamble's opening and closing formulas. */
  | 'preamble_opening'
  | 'preamble_closing'
  | 'chapter'
  | 'division'
  | 'article'
  | 'paragraph'
  | 'subparagraph'
  | 'clause';

/** A bracket a run sits in (BR1), with its place in its group of alternatives (BR5). */
export interface RunBracket {
  readonly id: string;
  /** The group's key (`group ?? id`). */
  readonly key: string;
  /** "Option n" number within a group of two or more in the text, else null. */
  readonly option: number | null;
}

/** A stretch of a block's own text whose annotations are the same throughout. */
export interface ReadingRun {
  readonly text: string;
  /** The proposal whose `insertion` mark the text carries (PR1), or null. */
  readonly insertion: string | null;
  /** The proposal whose `deletion` mark the text carries (PR2), or null. */
  readonly deletion: string | null;
  /** The inline brackets around the text, outermost first (BR3). */
  readonly brackets: readonly RunBracket[];
}

/** A bracket around a whole block (BR1, TX14): opened before the block, closed after its last descendant. */
export interface BlockBracket {
  readonly id: string;
  readonly key: string;
}

/** One block of the reading. */
export interface ReadingBlock {
  readonly kind: ReadingBlockKind;
  /** The stable id (ST4); null for the title and the preamble marker. */
  readonly id: string | null;
  /** Derived number (NU rules): "PP1", "Chapter II", "Article 3", "2.", "(a)", "(i)", "5 alt"; '' if none. */
  readonly label: string;
  /** "Article 9, paragraph 2 (c)", "Preamble, PP2", "Article 4": where it is, as people say it. */
  readonly location: string;
  /** The article (or "Preamble", "Title", a chapter's label) the block is in. */
  readonly article: string;
  /** 0 for headings, preambular paragraphs and paragraphs, 1 for subparagraphs, 2 for clauses. */
  readonly level: number;
  /** The status of the paragraph the block belongs to (SS1); open outside paragraphs. */
  readonly status: ParagraphStatus;
  /** The delegations an "agreed in informals" waits for (SS1). */
  readonly pending: readonly DelegationId[];
  /** The package the paragraph is tied into (SS5), or null. */
  readonly package: string | null;
  /** The proposal that adds the whole block (its own `inserted` or an enclosing block's), or null. */
  readonly inserted: string | null;
  /** The proposal that would remove the whole block (its own `deleted` or an enclosing block's), or null. */
  readonly deleted: string | null;
  /** Block brackets opened right before this block (BR1, TX14), outermost first. */
  readonly opens: readonly BlockBracket[];
  /** How many block brackets close right after this block's text (its bracketed ancestors ending here). */
  readonly closes: number;
  /** For a paragraph alternative ("5 alt", NU8): the id of the block it is an alternative to. */
  readonly alternativeTo: string | null;
  /** The block's own text (title, heading or body), annotated. */
  readonly runs: readonly ReadingRun[];
  /** The plain characters of `runs`, joined. */
  readonly text: string;
}

/** What the record says of a proposal, as the reading needs it. */
export interface ReadingProposal {
  readonly id: string;
  /** The delegation, or null for the Chair (PR4). */
  readonly delegation: DelegationId | null;
  readonly status: ProposalStatus;
  readonly createdAt: string;
  /** When the chair decided it (PR7), or null. */
  readonly decidedAt: string | null;
}

/** What the record says of a bracket, as the reading needs it. */
export interface ReadingBracket {
  readonly id: string;
  /** Who asked for it, null for the Chair (BR2). */
  readonly delegation: DelegationId | null;
  /** Its option number in its group, null outside a group of two or more (BR5). */
  readonly option: number | null;
  /** BR7: "derived from Option 2 (Mexico)", or null. */
  readonly provenance: string | null;
}

/** The records a reading attaches to the text: proposals and brackets by id. */
export interface ReadingRecords {
  readonly proposals: ReadonlyMap<string, ProposalRecord>;
  readonly brackets: ReadonlyMap<string, BracketRecord>;
}

/** A treaty read once: its blocks, and what the record says of each proposal and bracket in it. */
export interface TreatyReading {
  readonly title: string;
  readonly blocks: readonly ReadingBlock[];
  readonly proposals: ReadonlyMap<string, ReadingProposal>;
  readonly brackets: ReadonlyMap<string, ReadingBracket>;
}

/** No records: a reading of the text alone. */
export const NO_RECORDS: ReadingRecords = { proposals: new Map(), brackets: new Map() };
