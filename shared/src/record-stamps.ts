/**
 * GD5: identities and times in records are the server's. A client writes them (the Yjs update is its own), and
 * the rules check them against the sender's principal and the server's clock. Pure.
 */

/** Who writes a record, as the server knows it from the session: person id and the name given at sign-in. */
export interface RecordSigner {
  readonly personId: string;
  readonly name: string;
}

/** GD5: how far ahead of the server's clock a client's time may be (clock skew). */
export const RECORD_TIME_AHEAD_MS = 10 * 60_000;

/**
 * GD5: how far behind the server's clock a client's time may be. Wider than the skew: an edit made while the
 * connection was down is sent when it comes back, with the time it was made.
 */
export const RECORD_TIME_BEHIND_MS = 24 * 3600_000;

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** GD5: whether `value` is an ISO 8601 UTC time within the window around `now` (ms since the epoch). */
export function isCurrentTime(value: unknown, now: number): boolean {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) return false;
  const at = Date.parse(value);
  return Number.isFinite(at) && at <= now + RECORD_TIME_AHEAD_MS && at >= now - RECORD_TIME_BEHIND_MS;
}

/**
 * GD5: what is wrong with a decision stamp (`by`, `byName`, `at`) written by `signer` at the server's `now`:
 * another person or name, or a time outside the window. Null when it is the signer's, now.
 */
export function stampProblem(
  stamp: { readonly by: string; readonly byName: string; readonly at: string },
  signer: RecordSigner,
  now: number,
): string | null {
  if (stamp.by !== signer.personId || stamp.byName !== signer.name)
    return 'a decision is recorded under the person who makes it';
  if (!isCurrentTime(stamp.at, now)) return 'a decision is recorded at the time it is made';
  return null;
}
