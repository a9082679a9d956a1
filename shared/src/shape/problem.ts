/**
 * The shape of a Travaux Y.Doc (SPEC SH rules): what may be stored at all, before any rule of negotiation is
 * asked who may write it. Problems and bounds shared by the update check, the audit and the reader.
 */

/** The id of a shape rule (SPEC "Shape (SH)"). */
export type ShapeRule = 'SH1' | 'SH2' | 'SH3' | 'SH4' | 'SH5' | 'SH6' | 'SH7';

/** A broken shape rule: its SPEC id and what was wrong, in words a person understands. */
export interface ShapeProblem {
  readonly rule: ShapeRule;
  readonly message: string;
}

/** The reason sent with a refusal and written to the audit: `SH3: ...`. */
export function shapeReason(problem: ShapeProblem): string {
  return `${problem.rule}: ${problem.message}`;
}

/** Bounds on what one document may hold (SH7); the server reads them from its configuration. */
export interface ShapeLimits {
  /** Encoded size of one document (its state as one Yjs update), in bytes. */
  readonly maxDocumentBytes: number;
  /** Size of one record of `proposals`, `positions` or `brackets` (its JSON), in bytes. */
  readonly maxRecordBytes: number;
  /** Records (proposals and brackets together) one delegation may have in one document. */
  readonly maxRecordsPerDelegation: number;
}

/** The bounds Travaux uses when not configured otherwise (README, Configuration). */
export const DEFAULT_SHAPE_LIMITS: ShapeLimits = {
  maxDocumentBytes: 32 * 1024 * 1024,
  maxRecordBytes: 64 * 1024,
  maxRecordsPerDelegation: 10_000,
};

/** SH4: the most characters of an attribute value whose format is not otherwise fixed. */
export const MAX_ATTRIBUTE_CHARS = 1000;
