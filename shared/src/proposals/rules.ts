import * as Y from 'yjs';
import { bracketsMap, parseBracketRecord } from '../brackets/model.ts';
import {
  bracketIds,
  bracketLayoutProblem,
  checkBracketRecord,
  isFrozen,
  STATUS_KEYS,
} from '../brackets/rules.ts';
import { bracketsOn, isBracketKey } from '../brackets/ytext.ts';
import type { DelegationId } from '../ids.ts';
import { isCurrentTime, stampProblem } from '../record-stamps.ts';
import { ID_BEARING_NODES, NodeName } from '../schema.ts';
import { convertedPackagesProblem } from '../status/check.ts';
import { treatyFragment } from '../ydoc.ts';
import { BeforeState, type DeltaOp } from './before-state.ts';
import { chairEditProblem, chairEditsMap } from './chair-edits.ts';
import {
  type ProposalRecord,
  parsePosition,
  parsePositionKey,
  parseProposalRecord,
  positionsMap,
  proposalsMap,
} from './model.ts';

/**
 * The rules of the text (SPEC PR1–PR9, BR2–BR5, BR9, SS2–SS5) as a check of one Yjs update against the document
 * it is applied to. The server runs it on every update of a delegate or chair before anything is stored;
 * property tests run it on every simulated edit. Pure: only Yjs.
 */

/**
 * Who sends the update, from the session: person id and the name given at sign-in (records must carry both,
 * GD5). Delegates always edit in proposal mode (PR1); the chair may edit directly (PR6).
 */
export interface RuleEditor {
  readonly personId: string;
  readonly name: string;
  readonly delegation: DelegationId | null;
  readonly role: 'chair' | 'delegate';
}

/** A broken rule: its SPEC id and what was wrong. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
}

type Attrs = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

// Chapters and the other divisions (ST5) are the chair's: a delegation proposes articles and what they hold.
const BLOCKS = new Set<string>(
  ID_BEARING_NODES.filter((name) => name !== NodeName.chapter && name !== NodeName.division),
);

function proposalOf(attrs: Attrs | undefined, key: 'insertion' | 'deletion'): string | null {
  const value = attrs?.[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && typeof (value as { proposal?: unknown }).proposal === 'string') {
    return (value as { proposal: string }).proposal;
  }
  return '<malformed>';
}

/** BR10: the group each bracket mark on a character names (the `group` of its `{ id, group }` value), by id. */
function markGroups(attrs: Attrs | undefined): Map<string, unknown> {
  const groups = new Map<string, unknown>();
  for (const [id, key] of bracketsOn(attrs ?? {})) {
    groups.set(id, (attrs?.[key] as { group?: unknown } | undefined)?.group ?? null);
  }
  return groups;
}

/**
 * Reads the attributes of a delta's runs `length` characters at a time: the runs (usually one) that cover the next
 * `length` characters. The rules compare runs, not characters (issue 23).
 */
function runCursor(delta: readonly DeltaOp[]): { take(length: number): (Attrs | undefined)[] } {
  let index = 0;
  let offset = 0;
  return {
    take(length) {
      const runs: (Attrs | undefined)[] = [];
      let left = length;
      while (left > 0 && index < delta.length) {
        const op = delta[index]!;
        const size = typeof op.insert === 'string' ? op.insert.length : 1;
        runs.push(op.attributes);
        const used = Math.min(left, size - offset);
        left -= used;
        offset += used;
        if (offset === size) {
          index += 1;
          offset = 0;
        }
      }
      return runs;
    },
  };
}

/**
 * Starts watching `doc` for the rules on behalf of `editor`, at the server's `time` (ms since the epoch, for the
 * times in records, GD5); apply the update, then call `finish()` for the first violation (or null). Must be
 * finished in the same tick: it reads the update's effects in Yjs observers.
 */
export function watchProposalRules(
  doc: Y.Doc,
  editor: RuleEditor,
  time: number = Date.now(),
): { finish(): Violation | null } {
  const delegate = editor.role === 'delegate';
  // What the update changed in the records maps, as they were before it (undefined: added by it). The other
  // records are as they were; the maps' observers run before the treaty's, so these are known when it is read.
  // Nothing reads the whole document per update (issue 23).
  const recordsChanged = new Map<string, unknown>();
  const bracketsChanged = new Map<string, unknown>();
  // The treaty as it was, for the types the update touched (PR2, PR3, PR13, SS3): built in its observer.
  let before: BeforeState | null = null;
  let violation: Violation | null = null;
  const fail = (rule: string, message: string) => {
    violation ??= { rule, message };
  };
  const recordAfter = (id: string | null) => (id ? parseProposalRecord(proposalsMap(doc).get(id)) : null);
  const isOwn = (record: ProposalRecord) => record.delegation === editor.delegation;
  const ownOpen = (id: string | null): boolean => {
    const record = recordAfter(id);
    return record !== null && record.status === 'open' && isOwn(record);
  };
  const ownBefore = (id: string | null): boolean => {
    if (id === null) return false;
    const value = recordsChanged.has(id) ? recordsChanged.get(id) : proposalsMap(doc).get(id);
    const record = parseProposalRecord(value);
    return record !== null && record.status === 'open' && isOwn(record);
  };
  const bracketAfter = (id: string) => parseBracketRecord(bracketsMap(doc).get(id));
  /** A bracket this update places (no record before it). */
  const isFreshBracket = (id: string) =>
    !bracketsMap(doc).has(id) || (bracketsChanged.has(id) && bracketsChanged.get(id) === undefined);
  /** BR2, BR4: a bracket of one's own delegation, open after the update (to place it). */
  const ownOpenBracket = (id: unknown) => {
    const record = typeof id === 'string' ? bracketAfter(id) : null;
    return record !== null && record.status === 'open' && record.delegation === editor.delegation;
  };
  /** BR4: a bracket that was one's own before the update (to lift it). */
  const ownBracketBefore = (id: unknown) => {
    if (typeof id !== 'string') return false;
    const value = bracketsChanged.has(id) ? bracketsChanged.get(id) : bracketsMap(doc).get(id);
    const record = parseBracketRecord(value);
    return record !== null && record.delegation === editor.delegation;
  };
  // SS4/SS5: the paragraphs whose status or package the chair changed, checked once the update is applied.
  const statusTouched = new Set<Y.XmlElement>();

  /** New text: marked as an open proposal of one's own, unless it is inside a block one's own proposal adds. */
  const checkAddedText = (attrs: Attrs | undefined, covered: boolean) => {
    for (const key of Object.keys(attrs ?? {})) {
      if (key === 'insertion') continue;
      if (isBracketKey(key)) {
        // BR3: typed text joins the brackets around it; only an open bracket takes text.
        const value = attrs?.[key] as { id?: unknown; group?: unknown } | undefined;
        const id = value?.id;
        const record = typeof id === 'string' ? bracketAfter(id) : null;
        if (record?.status !== 'open') return fail('BR3', 'new text may join only an open bracket');
        // BR10: the mark names the group its record has.
        if ((value?.group ?? null) !== record.group)
          return fail('BR10', 'the group of a bracket never changes');
        continue;
      }
      // Text typed concurrently inside a range another delegation proposed to delete inherits that formatting:
      // an artefact of the merge, not of this edit.
      const deletion = proposalOf(attrs, 'deletion');
      if (key === 'deletion' && !ownBefore(deletion) && !ownOpen(deletion)) continue;
      return fail('PR1', `new text may carry only an insertion mark, not ${key}`);
    }
    const insertion = proposalOf(attrs, 'insertion');
    if (insertion === null && covered) return;
    if (!ownOpen(insertion))
      fail('PR1', 'new text must be marked as an open proposal of your own delegation');
  };

  /** Whether `type` sits inside a block that an open proposal of one's own adds (then its text is that proposal's). */
  const insideOwnBlock = (type: AnyType): boolean => {
    for (let node: AnyType | null = type; node; node = node.parent as AnyType | null) {
      if (node instanceof Y.XmlElement && BLOCKS.has(node.nodeName)) {
        const inserted = node.getAttribute('inserted') as string | null | undefined;
        if (inserted && ownOpen(inserted)) return true;
      }
    }
    return false;
  };

  const checkNewSubtree = (type: AnyType, covered: boolean) => {
    if (type instanceof Y.XmlText) {
      const inside = covered || insideOwnBlock(type);
      for (const op of type.toDelta() as DeltaOp[]) checkAddedText(op.attributes, inside);
      return;
    }
    if (!(type instanceof Y.XmlElement)) return fail('PR1', 'unexpected content');
    let blockCovered = covered;
    if (type.nodeName === NodeName.chapter || type.nodeName === NodeName.division)
      return fail('PR1', 'chapters, parts, sections and titles are added by the chair');
    if (BLOCKS.has(type.nodeName)) {
      const inserted = type.getAttribute('inserted') as string | undefined;
      if (inserted !== undefined && inserted !== null) {
        if (!ownOpen(inserted)) return fail('PR1', 'a new block must belong to an open proposal of your own');
        blockCovered = true;
      } else if (!covered) {
        return fail('PR1', `a new ${type.nodeName} must be marked as proposed`);
      }
      if (type.getAttribute('deleted')) return fail('PR3', 'a new block cannot be proposed for deletion');
      const bracket = type.getAttribute('bracket');
      if (bracket && !ownOpenBracket(bracket))
        return fail('BR2', 'a new block is bracketed by an open bracket of your own');
      // BR10: a new alternative names the group its bracket's record has.
      const group = type.getAttribute('bracketGroup') ?? null;
      if (group !== null && (typeof bracket !== 'string' || bracketAfter(bracket)?.group !== group))
        return fail('BR10', 'the group of a bracket never changes');
      for (const key of STATUS_KEYS)
        if (type.getAttribute(key)) return fail('SS2', `only the chair sets ${key}`);
    }
    for (const child of type.toArray()) checkNewSubtree(child as AnyType, blockCovered);
  };

  /**
   * PR2, PR13: why a character that carried `old` may not be removed, or null. Only text that is really one's
   * own goes: one's own open proposal's, or plain text of a block one's own proposal adds (`covered`), and never
   * under another delegation's bracket (BR4).
   */
  const removalProblem = (old: Attrs | undefined, covered: boolean): [string, string] | null => {
    const insertion = proposalOf(old, 'insertion');
    if (insertion !== null && !ownBefore(insertion)) {
      return covered
        ? ['PR13', "another delegation's amendment cannot be removed, even inside a block you propose"]
        : ['PR2', 'text can be removed only from your own open proposal; propose its deletion instead'];
    }
    if (insertion === null && !covered)
      return ['PR2', 'text can be removed only from your own open proposal; propose its deletion instead'];
    for (const id of bracketIds(old)) {
      if (!ownBracketBefore(id)) return ['PR13', 'text another delegation bracketed cannot be removed'];
    }
    return null;
  };

  /** PR13: why a removed element (a block one's own proposal adds) may not go: another delegation's content. */
  const foreignContent = (element: Y.XmlElement, state: BeforeState): [string, string] | null => {
    // The element is gone: its children as they were (toArray skips what is deleted, which is all of them now).
    for (const child of state.children(element)) {
      if (child instanceof Y.XmlText) {
        for (const op of state.delta(child)) {
          const problem = removalProblem(op.attributes, true);
          if (problem) return problem;
        }
      } else if (child instanceof Y.XmlElement) {
        const inserted = (state.attribute(child, 'inserted') as string | null | undefined) ?? null;
        if (inserted !== null && !ownBefore(inserted))
          return ['PR13', "another delegation's proposed block cannot be removed"];
        const bracket = state.attribute(child, 'bracket');
        if (bracket && !ownBracketBefore(bracket))
          return ['PR13', 'a block another delegation bracketed cannot be removed'];
        const inner = foreignContent(child, state);
        if (inner) return inner;
      }
    }
    return null;
  };

  /** PR1–PR3, PR13, BR3, BR4, BR10 on one changed text: its runs now against its runs before, run by run. */
  const checkText = (text: Y.XmlText, state: BeforeState) => {
    const layout = bracketLayoutProblem(text, isFreshBracket);
    if (layout) return fail('BR3', layout);
    const covered = insideOwnBlock(text);
    const previous = runCursor(state.delta(text));
    for (const op of state.diff(text)) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      const { ychange, ...attrs } = op.attributes ?? {};
      const change = (ychange as { type?: string } | undefined)?.type;
      if (change === 'added') checkAddedText(attrs, covered);
      else {
        // A kept or removed run of the diff may span several runs of before (its attributes changed inside it).
        for (const old of previous.take(length)) {
          if (change !== 'removed') checkKeptText(old, attrs);
          else {
            const problem = removalProblem(old, covered);
            if (problem) fail(...problem);
          }
          if (violation) return;
        }
      }
      if (violation) return;
    }
  };

  const checkKeptText = (old: Attrs | undefined, now: Attrs) => {
    const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(now)]);
    for (const key of keys) {
      if (key !== 'insertion' && key !== 'deletion' && !isBracketKey(key))
        return fail('PR3', `unknown text attribute ${key}`);
    }
    const bracketsNow = bracketIds(now);
    const bracketsOld = bracketIds(old);
    for (const id of bracketsNow) {
      if (!bracketsOld.has(id) && !ownOpenBracket(id))
        return fail('BR4', 'a delegation brackets text only with an open bracket of its own');
    }
    for (const id of bracketsOld) {
      if (!bracketsNow.has(id) && !ownBracketBefore(id))
        return fail('BR4', "only the chair removes another delegation's bracket");
    }
    // BR10: a kept bracket keeps the group its mark names; a new one names its record's group (its owner's
    // bracket or not: an option never moves to another group).
    const groupsOld = markGroups(old);
    for (const [id, group] of markGroups(now)) {
      const expected = groupsOld.has(id) ? groupsOld.get(id) : (bracketAfter(id)?.group ?? null);
      if (group !== expected) return fail('BR10', 'the group of a bracket never changes');
    }
    const insertionBefore = proposalOf(old, 'insertion');
    const insertionAfter = proposalOf(now, 'insertion');
    if (insertionBefore !== insertionAfter)
      return fail('PR3', 'only the chair accepts or rejects proposed text');
    const deletionBefore = proposalOf(old, 'deletion');
    const deletionAfter = proposalOf(now, 'deletion');
    if (deletionBefore === deletionAfter) return;
    if (deletionBefore !== null && !ownBefore(deletionBefore)) {
      return fail('PR3', "another delegation's proposed deletion cannot be changed");
    }
    // A proposed deletion may also cover text another delegation inserted concurrently (the merge puts it
    // inside the range); deciding the deletion leaves such text to its own proposal (see decideProposals).
    if (deletionAfter !== null && !ownOpen(deletionAfter)) {
      return fail('PR2', 'a deletion must be an open proposal of your own');
    }
  };

  const checkElementEvent = (event: Y.YXmlEvent | Y.YEvent<Y.XmlFragment>, state: BeforeState) => {
    for (const item of event.changes.added) {
      const content = item.content;
      if (content instanceof Y.ContentType) checkNewSubtree(content.type as AnyType, false);
    }
    for (const item of event.changes.deleted) {
      const content = item.content;
      if (!(content instanceof Y.ContentType)) continue;
      const type = content.type;
      if (type instanceof Y.XmlElement) {
        const inserted = (state.attribute(type, 'inserted') as string | null | undefined) ?? null;
        const bracket = state.attribute(type, 'bracket');
        if (!BLOCKS.has(type.nodeName) || !ownBefore(inserted)) {
          fail('PR2', `a ${type.nodeName} can be removed only when your own open proposal added it`);
        } else if (bracket && !ownBracketBefore(bracket)) {
          fail('PR13', 'a block another delegation bracketed cannot be removed');
        } else {
          const problem = foreignContent(type, state);
          if (problem) fail(...problem);
        }
      } else if (type instanceof Y.XmlText) {
        for (const op of state.delta(type)) {
          const problem = removalProblem(op.attributes, false);
          if (problem) {
            fail(...problem);
            break;
          }
        }
      }
    }
    if (event.target instanceof Y.XmlElement) {
      for (const [key, change] of event.changes.keys) {
        const now = event.target.getAttribute(key) ?? null;
        const old = change.oldValue ?? null;
        if (key === 'id') continue;
        if (STATUS_KEYS.has(key)) return fail('SS2', `only the chair changes ${key}`);
        if (key === 'bracket') {
          if (old !== null && !ownBracketBefore(old))
            return fail('BR4', "only the chair removes another delegation's bracket");
          if (now !== null && !ownOpenBracket(now))
            return fail('BR4', 'a delegation brackets a block only with an open bracket of its own');
          continue;
        }
        if (key === 'bracketGroup') {
          // BR10: the group of a block bracket goes only with the bracket itself, lifted by its owner.
          const bracketBefore = state.attribute(event.target, 'bracket');
          const bracketNow = event.target.getAttribute('bracket') ?? null;
          if (now !== null || bracketNow !== null || !ownBracketBefore(bracketBefore))
            return fail('BR10', 'the group of a bracket never changes');
          continue;
        }
        if (key === 'deleted') {
          if (old !== null && !ownBefore(old as string))
            return fail('PR3', "another delegation's proposal cannot be changed");
          if (now !== null && !ownOpen(now as string))
            return fail('PR2', 'a deletion must be an open proposal of your own');
          continue;
        }
        return fail('PR3', `only the chair changes ${key}`);
      }
    }
  };

  const onTreaty = (events: Y.YEvent<AnyType>[]) => {
    if (!delegate) {
      for (const event of events) {
        // BR3 holds for everyone: a chair's bracket crossing one placed concurrently is refused too.
        if (event.target instanceof Y.XmlText) {
          const layout = bracketLayoutProblem(event.target, isFreshBracket);
          if (layout) return fail('BR3', layout);
        }
        if (!(event.target instanceof Y.XmlElement)) continue;
        for (const key of event.changes.keys.keys())
          if (STATUS_KEYS.has(key)) statusTouched.add(event.target);
      }
      return;
    }
    for (const event of events) {
      if (violation) return;
      if (before?.transaction !== event.transaction) before = new BeforeState(event.transaction);
      const state = before;
      // SS3, BR9: a paragraph that is not open refuses every change until the chair reopens it.
      if (isFrozen(event.target as Y.AbstractType<unknown>, (element) => state.attribute(element, 'status')))
        return fail('SS3', 'this paragraph is agreed: the chair must reopen it before it changes');
      if (event.target instanceof Y.XmlText) checkText(event.target, state);
      else checkElementEvent(event as Y.YXmlEvent, state);
    }
  };

  // biome-ignore lint/suspicious/noExplicitAny: see AnyType.
  const onRecords = (event: Y.YMapEvent<any>) => {
    for (const [id, change] of event.changes.keys) recordsChanged.set(id, change.oldValue);
    for (const [id, change] of event.changes.keys) {
      const old = change.oldValue === undefined ? null : parseProposalRecord(change.oldValue);
      const now = change.action === 'delete' ? null : parseProposalRecord(proposalsMap(doc).get(id));
      if (change.action === 'delete') return fail('PR4', 'proposal records are never deleted');
      if (!now || now.id !== id) return fail('PR4', 'malformed proposal record');
      if (change.action === 'add') {
        if (now.status !== 'open' || now.decision !== null) return fail('PR4', 'a new proposal is open');
        if (now.delegation !== editor.delegation || now.personId !== editor.personId) {
          return fail('PR4', 'a proposal is recorded under its author and their delegation');
        }
        // GD5: the name and the time are the server's too.
        if (now.personName !== editor.name)
          return fail('GD5', "a proposal is recorded under its author's name");
        if (!isCurrentTime(now.createdAt, time))
          return fail('GD5', 'a proposal is recorded at the time it is made');
        continue;
      }
      if (!old) return fail('PR4', 'malformed proposal record');
      if (
        old.delegation !== now.delegation ||
        old.personId !== now.personId ||
        old.personName !== now.personName ||
        old.createdAt !== now.createdAt
      ) {
        return fail('PR4', 'the author of a proposal never changes');
      }
      const owner =
        old.delegation === editor.delegation && (editor.role === 'delegate' || old.delegation === null);
      if (editor.role === 'chair') {
        const decided = now.status === 'accepted' || now.status === 'rejected' || now.status === 'superseded';
        if (old.status === 'open' && decided && now.decision !== null) {
          // GD5: the decision names the chair who makes it, now.
          const problem = stampProblem(now.decision, editor, time);
          if (problem) return fail('GD5', problem);
          continue;
        }
        if (decided === false && now.status === 'open' && old.status !== 'open' && now.decision === null)
          continue;
        if (owner && old.status === 'open' && (now.status === 'open' || now.status === 'withdrawn')) continue;
        return fail('PR7', 'the chair decides an open proposal with a decision, or reopens one it decided');
      }
      if (!owner) return fail('PR4', "another delegation's proposal cannot be changed");
      if (old.status !== 'open') return fail('PR4', 'a decided proposal cannot be changed');
      if (now.status !== 'open' && now.status !== 'withdrawn')
        return fail('PR7', 'only the chair accepts or rejects');
      if (now.decision !== null) return fail('PR7', 'only the chair records a decision');
    }
  };

  // biome-ignore lint/suspicious/noExplicitAny: see AnyType.
  const onPositions = (event: Y.YMapEvent<any>) => {
    for (const [key, change] of event.changes.keys) {
      const parsed = parsePositionKey(key);
      if (!parsed || editor.delegation === null || parsed.delegation !== editor.delegation) {
        return fail('PR5', 'a delegation takes positions only for itself');
      }
      if (change.action === 'delete') continue;
      const position = parsePosition(positionsMap(doc).get(key));
      if (!position || position.personId !== editor.personId) return fail('PR5', 'malformed position');
      if (!isCurrentTime(position.at, time))
        return fail('GD5', 'a position is recorded at the time it is taken');
      const record = parseProposalRecord(proposalsMap(doc).get(parsed.proposalId));
      if (record?.status !== 'open') return fail('PR5', 'positions are taken on open proposals');
      if (record.delegation === editor.delegation)
        return fail('PR5', 'a delegation does not support its own proposal');
    }
  };

  /** BR5: whether a group still has an open member (its first bracket, or an option naming it). */
  const groupIsOpen = (key: string) => {
    for (const value of bracketsMap(doc).values()) {
      const record = parseBracketRecord(value);
      if (record?.status === 'open' && (record.id === key || record.group === key)) return true;
    }
    return false;
  };
  // biome-ignore lint/suspicious/noExplicitAny: see AnyType.
  const onBrackets = (event: Y.YMapEvent<any>) => {
    for (const [id, change] of event.changes.keys) bracketsChanged.set(id, change.oldValue);
    for (const [id, change] of event.changes.keys) {
      const problem = checkBracketRecord(
        id,
        change.oldValue,
        bracketsMap(doc).get(id),
        change.action,
        editor,
        groupIsOpen,
        time,
      );
      if (problem) return fail(problem.rule, problem.message);
    }
  };

  // biome-ignore lint/suspicious/noExplicitAny: see AnyType.
  const onChairEdits = (event: Y.YMapEvent<any>) => {
    for (const [id, change] of event.changes.keys) {
      const problem = chairEditProblem(id, change.action, change.oldValue, chairEdits.get(id), editor, time);
      if (problem) return fail(problem.rule, problem.message);
    }
  };

  const treaty = treatyFragment(doc);
  const records = proposalsMap(doc);
  const positions = positionsMap(doc);
  const brackets = bracketsMap(doc);
  const chairEdits = chairEditsMap(doc);
  treaty.observeDeep(onTreaty);
  records.observe(onRecords);
  positions.observe(onPositions);
  brackets.observe(onBrackets);
  chairEdits.observe(onChairEdits);
  return {
    finish() {
      treaty.unobserveDeep(onTreaty);
      records.unobserve(onRecords);
      positions.unobserve(onPositions);
      brackets.unobserve(onBrackets);
      chairEdits.unobserve(onChairEdits);
      if (!violation && statusTouched.size > 0) {
        const problem = convertedPackagesProblem(doc, statusTouched);
        if (problem) fail(problem.rule, problem.message);
      }
      return violation;
    },
  };
}

/** The name the rules go by now that they cover brackets and status too. */
export const watchTreatyRules = watchProposalRules;

/** Applies `update` to `doc` under the rules; returns the first violation, or null. `doc` keeps the update. */
export function applyUnderRules(
  doc: Y.Doc,
  update: Uint8Array,
  editor: RuleEditor,
  time: number = Date.now(),
): Violation | null {
  const watch = watchProposalRules(doc, editor, time);
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    watch.finish();
    throw error;
  }
  return watch.finish();
}
