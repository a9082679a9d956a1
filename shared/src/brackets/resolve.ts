import * as Y from 'yjs';
import { treatyFromYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { locationLabel } from '../locate.ts';
import { decideProposals } from '../proposals/decide.ts';
import {
  type BracketRecord,
  type BracketResolution,
  type BracketStatus,
  bracketsMap,
  parseBracketRecord,
} from './model.ts';
import { type BracketSpan, scanBrackets } from './scan.ts';
import { bracketKey, bracketsOn, proposalsOn, runsOf, treatyTypes, type YChar, ycharsOf } from './ytext.ts';

/**
 * The chair's resolutions of brackets (BR6) and the owner's lifting (BR4), as Yjs writes in one transaction
 * each (one undo step for an UndoManager tracking `origin`). Each returns what it changed; a bracket that is
 * not open, or not in a state the resolution applies to, is left alone.
 */

/** Who resolves, for the record. */
export interface BracketDecider {
  readonly personId: string;
  readonly name: string;
}

interface Where {
  readonly texts: {
    text: Y.XmlText;
    chars: YChar[];
    runs: { index: number; length: number; key: string }[];
  }[];
  readonly element: Y.XmlElement | null;
}

/** Where bracket `id` is in the Y.Doc: the runs of text it marks, or the element it brackets. */
function locate(ydoc: Y.Doc, id: string): Where {
  const texts: Where['texts'] = [];
  let element: Y.XmlElement | null = null;
  for (const type of treatyTypes(ydoc)) {
    if (type instanceof Y.XmlElement) {
      if (type.getAttribute('bracket') === id) element = type;
      continue;
    }
    const chars = ycharsOf(type);
    const runs = runsOf(chars, id);
    if (runs.length > 0) texts.push({ text: type, chars, runs });
  }
  return { texts, element };
}

/** The text bracket `id` holds now (inline runs, or the block's text). */
export function bracketText(ydoc: Y.Doc, id: string): string {
  const where = locate(ydoc, id);
  if (where.element)
    return elementChars(where.element)
      .map((c) => c.char)
      .join('');
  return where.texts
    .flatMap(({ chars, runs }) => runs.flatMap((run) => chars.slice(run.index, run.index + run.length)))
    .map((c) => c.char)
    .join('');
}

function elementChars(element: Y.XmlElement): YChar[] {
  const out: YChar[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out.push(...ycharsOf(child));
    else if (child instanceof Y.XmlElement) out.push(...elementChars(child));
  }
  return out;
}

/** The proposals marking what bracket `id` holds (for a block, also the blocks it adds or deletes). */
function proposalsWithin(ydoc: Y.Doc, id: string): { inserted: Set<string>; deleted: Set<string> } {
  const where = locate(ydoc, id);
  if (where.element) {
    const found = proposalsOn(elementChars(where.element));
    const visit = (element: Y.XmlElement) => {
      const inserted = element.getAttribute('inserted');
      const deleted = element.getAttribute('deleted');
      if (typeof inserted === 'string') found.inserted.add(inserted);
      if (typeof deleted === 'string') found.deleted.add(deleted);
      for (const child of element.toArray()) if (child instanceof Y.XmlElement) visit(child);
    };
    visit(where.element);
    return found;
  }
  return proposalsOn(
    where.texts.flatMap(({ chars, runs }) =>
      runs.flatMap((run) => chars.slice(run.index, run.index + run.length)),
    ),
  );
}

/** Supersedes the open proposals marking what the brackets `ids` hold: their text goes with the brackets. */
function supersedeWithin(ydoc: Y.Doc, ids: readonly string[], by: BracketDecider, now: Date): void {
  const proposals = ids.flatMap((id) => {
    const { inserted, deleted } = proposalsWithin(ydoc, id);
    return [...inserted, ...deleted];
  });
  decideProposals(ydoc, proposals, 'supersede', by, null, now);
}

/** Takes bracket `id` off its text or block, keeping the text. */
function unbracket(ydoc: Y.Doc, id: string): void {
  const where = locate(ydoc, id);
  if (where.element) {
    where.element.removeAttribute('bracket');
    where.element.removeAttribute('bracketGroup');
  }
  for (const { text, runs } of where.texts) {
    for (const run of runs) text.format(run.index, run.length, { [run.key]: null });
  }
}

/**
 * Removes what bracket `id` holds. Between two options of one group (`members`), the white space that
 * separated the removed option from its neighbour goes with it.
 */
function removeContent(ydoc: Y.Doc, id: string, members: ReadonlySet<string>): void {
  const where = locate(ydoc, id);
  if (where.element) {
    const parent = where.element.parent as Y.XmlElement | Y.XmlFragment;
    const index = parent.toArray().indexOf(where.element);
    if (index >= 0) parent.delete(index, 1);
    return;
  }
  const isMember = (c: YChar | undefined) =>
    c !== undefined && [...bracketsOn(c.attrs).keys()].some((other) => other !== id && members.has(other));
  for (const { text, chars, runs } of where.texts) {
    for (const run of [...runs].reverse()) {
      let start = run.index;
      let end = run.index + run.length;
      let after = end;
      while (after < chars.length && /\s/.test(chars[after]!.char) && !isMember(chars[after])) after += 1;
      let before = start;
      while (before > 0 && /\s/.test(chars[before - 1]!.char) && !isMember(chars[before - 1])) before -= 1;
      if (after > end && isMember(chars[after])) end = after;
      else if (before < start && isMember(chars[before - 1])) start = before;
      text.delete(start, end - start);
    }
  }
}

function readRecord(ydoc: Y.Doc, id: string): BracketRecord | null {
  return parseBracketRecord(bracketsMap(ydoc).get(id));
}

function resolutionOf(span: BracketSpan, by: BracketDecider, now: Date, text: string): BracketResolution {
  return {
    by: by.personId,
    byName: by.name,
    at: now.toISOString(),
    location: locationLabel(span.location),
    text,
    option: span.option,
  };
}

function settle(
  ydoc: Y.Doc,
  record: BracketRecord,
  status: BracketStatus,
  resolution: BracketResolution,
  changes: Partial<BracketRecord> = {},
): void {
  bracketsMap(ydoc).set(record.id, { ...record, ...changes, status, resolution });
}

/** The open record and span of bracket `id`, or null. */
function openBracket(ydoc: Y.Doc, id: string) {
  const record = readRecord(ydoc, id);
  if (record?.status !== 'open') return null;
  const scan = scanBrackets(treatyFromYDoc(ydoc));
  const span = scan.byId.get(id);
  if (!span) return null;
  return { record, span, scan };
}

/**
 * BR4: the owner lifts its own bracket (`delegation` must be the record's; the Chair's own brackets have none).
 * Not for an option of a group of two or more, which only the chair resolves.
 */
export function liftBracket(
  ydoc: Y.Doc,
  id: string,
  by: BracketDecider & { readonly delegation: DelegationId | null },
  origin: unknown = null,
  now = new Date(),
): boolean {
  const found = openBracket(ydoc, id);
  if (!found || found.record.delegation !== by.delegation || found.span.option !== null) return false;
  ydoc.transact(() => {
    const text = bracketText(ydoc, id);
    unbracket(ydoc, id);
    settle(ydoc, found.record, 'lifted', resolutionOf(found.span, by, now, text));
  }, origin);
  return true;
}

/**
 * BR6 agree: the chair takes brackets off, keeping their text. Options of a group of two or more are resolved
 * by `pickOption`, `mergeOptions` or `dropBracket` instead. Returns the ids agreed.
 */
export function agreeBrackets(
  ydoc: Y.Doc,
  ids: readonly string[],
  by: BracketDecider,
  origin: unknown = null,
  now = new Date(),
): string[] {
  const scan = scanBrackets(treatyFromYDoc(ydoc));
  const agreed = ids.filter((id) => {
    const span = scan.byId.get(id);
    return span !== undefined && span.option === null && readRecord(ydoc, id)?.status === 'open';
  });
  if (agreed.length === 0) return [];
  ydoc.transact(() => {
    for (const id of agreed) {
      const text = bracketText(ydoc, id);
      unbracket(ydoc, id);
      settle(ydoc, readRecord(ydoc, id)!, 'agreed', resolutionOf(scan.byId.get(id)!, by, now, text));
    }
  }, origin);
  return agreed;
}

/** BR6 drop: the chair removes a bracket with its text (an option: only that option); its proposals are superseded. */
export function dropBracket(
  ydoc: Y.Doc,
  id: string,
  by: BracketDecider,
  origin: unknown = null,
  now = new Date(),
): boolean {
  const found = openBracket(ydoc, id);
  if (!found) return false;
  const members = new Set(found.scan.spans.filter((s) => s.key === found.span.key).map((s) => s.id));
  ydoc.transact(() => {
    const text = bracketText(ydoc, id);
    supersedeWithin(ydoc, [id], by, now);
    removeContent(ydoc, id, members);
    settle(ydoc, found.record, 'dropped', resolutionOf(found.span, by, now, text));
  }, origin);
  return true;
}

/**
 * BR6 pick: the chair keeps option `id` of its group. The other options go with their text (their open
 * proposals superseded, records `not-chosen`); the proposals that wrote the chosen option's text are
 * accepted; the chosen option stays bracketed, derived from it (BR7).
 */
export function pickOption(
  ydoc: Y.Doc,
  id: string,
  by: BracketDecider,
  origin: unknown = null,
  now = new Date(),
): boolean {
  const found = openBracket(ydoc, id);
  if (!found || found.span.option === null) return false;
  const group = found.scan.spans.filter((s) => s.key === found.span.key);
  const members = new Set(group.map((s) => s.id));
  ydoc.transact(() => {
    const others = group.filter((s) => s.id !== id);
    const texts = new Map(others.map((s) => [s.id, bracketText(ydoc, s.id)]));
    supersedeWithin(
      ydoc,
      others.map((s) => s.id),
      by,
      now,
    );
    decideProposals(ydoc, [...proposalsWithin(ydoc, id).inserted], 'accept', by, null, now);
    for (const other of others) {
      removeContent(ydoc, other.id, members);
      const record = readRecord(ydoc, other.id);
      if (record?.status === 'open')
        settle(ydoc, record, 'not-chosen', resolutionOf(other, by, now, texts.get(other.id)!));
    }
    bracketsMap(ydoc).set(id, {
      ...found.record,
      derivedFrom: {
        options: [{ id, n: found.span.option!, delegation: found.record.delegation }],
        text: bracketText(ydoc, id),
      },
    });
  }, origin);
  return true;
}

/**
 * BR6 merge: the chair replaces the options of the inline group `key` by `wording`, as one new bracket of the
 * Chair derived from all of them (BR7); the options' open proposals are superseded. Returns the new bracket's id.
 */
export function mergeOptions(
  ydoc: Y.Doc,
  key: string,
  wording: string,
  by: BracketDecider,
  newId: string,
  origin: unknown = null,
  now = new Date(),
): string | null {
  const text = wording.replace(/\s+/g, ' ').trim();
  const scan = scanBrackets(treatyFromYDoc(ydoc));
  const group = scan.spans.filter((s) => s.key === key);
  if (!text || group.length < 2 || group.some((s) => s.kind !== 'inline')) return null;
  const records = group.map((s) => readRecord(ydoc, s.id));
  if (records.some((record) => record?.status !== 'open')) return null;
  const first = group[0]!;
  const members = new Set(group.map((s) => s.id));
  // The brackets that hold the whole group stay around the compromise wording.
  const outer = scan.spans.filter(
    (s) => s.kind === 'inline' && s.depth < first.depth && s.from <= first.from && s.to >= group.at(-1)!.to,
  );
  ydoc.transact(() => {
    const texts = new Map(group.map((s) => [s.id, bracketText(ydoc, s.id)]));
    const { text: ytext, chars, runs } = locate(ydoc, first.id).texts[0]!;
    const attrs: Record<string, unknown> = { [bracketKey(newId, null)]: { id: newId, group: null } };
    const firstChar = chars[runs[0]!.index]!;
    for (const [id, attrKey] of bracketsOn(firstChar.attrs)) {
      const span = outer.find((s) => s.id === id);
      if (span) attrs[attrKey] = firstChar.attrs[attrKey];
    }
    // Before the first option; removing the options then takes the spaces that separated them (removeContent).
    ytext.insert(runs[0]!.index, text, attrs);
    supersedeWithin(
      ydoc,
      group.map((s) => s.id),
      by,
      now,
    );
    for (const span of group) removeContent(ydoc, span.id, members);
    group.forEach((span, index) => {
      settle(ydoc, records[index]!, 'merged', resolutionOf(span, by, now, texts.get(span.id)!));
    });
    bracketsMap(ydoc).set(newId, {
      id: newId,
      delegation: null,
      personId: by.personId,
      personName: by.name,
      createdAt: now.toISOString(),
      reason: '',
      group: null,
      status: 'open',
      derivedFrom: {
        options: group.map((span, index) => ({
          id: span.id,
          n: span.option!,
          delegation: records[index]!.delegation,
        })),
        text,
      },
      resolution: null,
    });
  }, origin);
  return newId;
}
