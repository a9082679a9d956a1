import * as Y from 'yjs';
import type { DelegationId } from '../ids.ts';
import { isCurrentTime, stampProblem } from '../record-stamps.ts';
import { STATUS_NODES } from '../status/model.ts';
import { parseBracketRecord } from './model.ts';
import { bracketsOn } from './ytext.ts';

/**
 * Building blocks of the bracket and status rules (BR2–BR5, BR9, SS2, SS3) that `watchProposalRules` applies to
 * every update of a delegate. Pure: only Yjs.
 */

/** Who edits, as the rules see it: person id and name from the session (GD5). */
export interface BracketEditor {
  readonly personId: string;
  readonly name: string;
  readonly delegation: DelegationId | null;
  readonly role: 'chair' | 'delegate';
}

/** The bracket ids on a character's format attributes. */
export function bracketIds(attrs: Readonly<Record<string, unknown>> | undefined): Set<string> {
  return new Set(bracketsOn(attrs ?? {}).keys());
}

/** Block attributes that only the chair changes (SS2). */
export const STATUS_KEYS: ReadonlySet<string> = new Set(['status', 'pending', 'package']);

/**
 * BR3: two brackets of one text either hold one another or do not meet, and a bracket placed by this update
 * (`fresh`) covers one unbroken run. An older bracket may have come apart: text typed at its edge while an
 * option was added after it can merge on both sides of the option, and refusing that would refuse an honest
 * edit. Returns what is wrong, or null.
 */
export function bracketLayoutProblem(
  text: Y.XmlText,
  fresh: (id: string) => boolean = () => true,
): string | null {
  // One pass over the delta's runs (a run is characters with the same attributes), in UTF-16 units: the server
  // runs this on every text an update touches, and reading it character by character (an object and a Map per
  // character of the paragraph, per keystroke) was most of what the server allocated while a text was typed.
  const ranges = new Map<string, { first: number; last: number; count: number }>();
  let index = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    for (const id of bracketsOn(op.attributes ?? {}).keys()) {
      const range = ranges.get(id);
      if (range) {
        range.last = index + length - 1;
        range.count += length;
      } else ranges.set(id, { first: index, last: index + length - 1, count: length });
    }
    index += length;
  }
  for (const [id, range] of ranges) {
    if (fresh(id) && range.count !== range.last - range.first + 1)
      return 'a bracket must cover one unbroken run of text';
  }
  const list = [...ranges.values()];
  for (const a of list) {
    for (const b of list) {
      if (a.first < b.first && b.first <= a.last && a.last < b.last)
        return 'brackets may nest but never cross';
    }
  }
  return null;
}

/** SS3: the paragraph (or preambular paragraph) element holding `type`, itself included; null outside. */
export function statusElementOf(type: Y.AbstractType<unknown> | null): Y.XmlElement | null {
  for (let node = type; node; node = node.parent as Y.AbstractType<unknown> | null) {
    if (node instanceof Y.XmlElement && STATUS_NODES.includes(node.nodeName)) return node;
  }
  return null;
}

/**
 * SS3: whether `type` sat in a paragraph that was not open before the update; `statusBefore` reads a paragraph
 * element's `status` as it was (see `BeforeState`).
 */
export function isFrozen(
  type: Y.AbstractType<unknown> | null,
  statusBefore: (element: Y.XmlElement) => unknown,
): boolean {
  const element = statusElementOf(type);
  if (!element) return false;
  const status = statusBefore(element);
  return typeof status === 'string' && status !== '' && status !== 'open';
}

/**
 * BR2, BR4, BR5, GD5: whether a change of the `brackets` map by `editor` at the server's `time` (ms) is
 * allowed; the violation's rule and message, or null. `groupIsOpen` tells whether a group (by key) still has an
 * open member after the update.
 */
export function checkBracketRecord(
  id: string,
  oldValue: unknown,
  newValue: unknown,
  action: 'add' | 'update' | 'delete',
  editor: BracketEditor,
  groupIsOpen: (key: string) => boolean,
  time: number,
): { rule: string; message: string } | null {
  if (action === 'delete') return { rule: 'BR2', message: 'bracket records are never deleted' };
  const now = parseBracketRecord(newValue);
  if (!now || now.id !== id) return { rule: 'BR2', message: 'malformed bracket record' };
  const chair = editor.role === 'chair';
  if (action === 'add') {
    if (now.delegation !== editor.delegation || now.personId !== editor.personId)
      return { rule: 'BR2', message: 'a bracket is recorded under its author and their delegation' };
    if (now.personName !== editor.name)
      return { rule: 'GD5', message: "a bracket is recorded under its author's name" };
    if (!isCurrentTime(now.createdAt, time))
      return { rule: 'GD5', message: 'a bracket is recorded at the time it is placed' };
    if (now.status !== 'open' || now.resolution !== null || (!chair && now.derivedFrom !== null))
      return { rule: 'BR2', message: 'a new bracket is open' };
    if (now.group !== null && !groupIsOpen(now.group))
      return { rule: 'BR5', message: 'an option is added to an open bracket' };
    return null;
  }
  const old = parseBracketRecord(oldValue);
  if (!old) return { rule: 'BR2', message: 'malformed bracket record' };
  if (
    old.delegation !== now.delegation ||
    old.personId !== now.personId ||
    old.personName !== now.personName ||
    old.createdAt !== now.createdAt ||
    old.group !== now.group
  )
    return { rule: 'BR2', message: 'the author and group of a bracket never change' };
  const owner = old.delegation === editor.delegation;
  if (old.reason !== now.reason && !owner)
    return { rule: 'BR2', message: 'only its owner edits the reason of a bracket' };
  // GD5: a resolution (the chair's, or the owner's lifting) names whoever makes it, now; undoing one restores
  // the record as it was, which names nobody new.
  const stamped = (): { rule: string; message: string } | null => {
    if (now.resolution === null || JSON.stringify(now.resolution) === JSON.stringify(old.resolution))
      return null;
    const problem = stampProblem(now.resolution, editor, time);
    return problem ? { rule: 'GD5', message: problem } : null;
  };
  if (chair) return stamped();
  if (!owner) return { rule: 'BR4', message: "another delegation's bracket cannot be changed" };
  if (old.status !== 'open') return { rule: 'BR4', message: 'a resolved bracket cannot be changed' };
  const derivationKept = JSON.stringify(old.derivedFrom) === JSON.stringify(now.derivedFrom);
  if (now.status === 'open' && now.resolution === null && derivationKept) return null;
  if (now.status === 'lifted' && now.resolution !== null && derivationKept) return stamped();
  return { rule: 'BR4', message: 'only the chair resolves brackets; an owner may lift its own' };
}
