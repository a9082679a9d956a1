import type { NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { elementType, ROOT_KINDS } from './layout.ts';
import type { ShapeLimits, ShapeProblem } from './problem.ts';
import { contentKind } from './structure.ts';
import { attributeProblem, formatProblem, recordDelegation, recordProblem } from './values.ts';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

/**
 * The pre-check (SH1, SH2, SH4–SH7): reads a decoded Yjs update against the live document *without applying
 * it*, so that a refusal leaves the document untouched. For every struct it finds where it would go (its parent
 * named in the update, or the parent of its origin, in the update or in the document) and checks what it holds
 * there: top-level names, content kinds, element names, attribute keys and values, formatting, records, sizes.
 * The order of children (SH3) needs the integrated result: `watchShape` checks it after the update is applied.
 */

/** The outcome of the pre-check: a shape problem, or an update Yjs could not apply or would keep pending. */
export type Precheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: ShapeProblem }
  | { readonly ok: false; readonly malformed: string };

/** Where an item of the update goes: under a top-level name, in an element, in a text, elsewhere. */
type Parent =
  | { readonly kind: 'root'; readonly name: string }
  | { readonly kind: 'element'; readonly name: string; readonly type: NodeType | null }
  | { readonly kind: 'text'; readonly block: NodeType | null }
  | { readonly kind: 'other' }
  /** Its neighbour was garbage-collected: Yjs drops the item's content when integrating it. */
  | { readonly kind: 'gone' }
  /** It depends on structs the server does not have. */
  | { readonly kind: 'missing' };

interface Place {
  readonly parent: Parent;
  readonly sub: string | null;
}

const GONE: Place = { parent: { kind: 'gone' }, sub: null };
const MISSING: Place = { parent: { kind: 'missing' }, sub: null };

type DecodedParent = Y.ID | string | null;

/** The parts of a decoded `Y.Item` the check reads (Yjs types the decoded parent as a type). */
interface Decoded {
  readonly id: Y.ID;
  readonly length: number;
  readonly origin: Y.ID | null;
  readonly rightOrigin: Y.ID | null;
  readonly parent: DecodedParent;
  readonly parentSub: string | null;
  readonly content: Y.AbstractStruct | unknown;
}

/**
 * Checks `update` (a Yjs v1 update from a client) against `doc` before it is applied; never throws, never
 * changes `doc`. `recordCount(delegation)` counts the records a delegation already has (asked only when the
 * update adds a record).
 */
export function updateShapeProblem(
  doc: Y.Doc,
  update: Uint8Array,
  limits: ShapeLimits,
  recordCount: (delegation: string) => number,
): Precheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return {
      ok: false,
      malformed: `update cannot be decoded: ${error instanceof Error ? error.message : 'error'}`,
    };
  }
  const store = doc.store;
  const byClient = new Map<number, Decoded[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct as unknown as Decoded);
    byClient.set(struct.id.client, list);
  }
  // Structs of a client must follow on from what the document has, or Yjs keeps them pending without bound.
  const reach = new Map<number, number>();
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    const known = reach.get(client) ?? Y.getState(store, client);
    if (clock > known) return { ok: false, malformed: 'update depends on updates the server does not have' };
    reach.set(client, Math.max(known, clock + struct.length));
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const known = reach.get(client) ?? Y.getState(store, client);
    if (ranges.some((range) => range.clock + range.len > known))
      return { ok: false, malformed: 'update deletes what the server does not have' };
  }

  const places = new Map<Decoded, Place>();
  const findInUpdate = (id: Y.ID): Decoded | null => {
    const list = byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return null;
  };
  /** The struct under `id`: live in the document, decoded from the update, or nowhere. */
  const find = (id: Y.ID): Y.Item | Y.GC | Decoded | null => {
    if (id.clock < Y.getState(store, id.client)) return Y.getItem(store, id) as Y.Item | Y.GC;
    return findInUpdate(id);
  };
  const liveParent = (type: AnyType): Parent => {
    if (type._item === null) return { kind: 'root', name: Y.findRootTypeKey(type) };
    if (type instanceof Y.XmlElement && !(type instanceof Y.XmlHook))
      return { kind: 'element', name: type.nodeName, type: elementType(type.nodeName) };
    if (type instanceof Y.XmlText) {
      const block = type.parent;
      return { kind: 'text', block: block instanceof Y.XmlElement ? elementType(block.nodeName) : null };
    }
    return { kind: 'other' };
  };
  /** The parent that the type held by `holder` (a struct) is, once integrated. */
  const typeParent = (holder: Y.Item | Y.GC | Decoded | null): Parent => {
    if (holder === null) return { kind: 'missing' };
    if (holder instanceof Y.GC) return { kind: 'gone' };
    if (isLive(holder) && holder.content instanceof Y.ContentType) return liveParent(holder.content.type);
    const content = holder.content;
    if (!(content instanceof Y.ContentType)) return { kind: 'other' };
    const type = content.type;
    if (type instanceof Y.XmlElement && !(type instanceof Y.XmlHook))
      return { kind: 'element', name: type.nodeName, type: elementType(type.nodeName) };
    if (type instanceof Y.XmlText) {
      const outer = placeOf(holder as Decoded).parent;
      return { kind: 'text', block: outer.kind === 'element' ? outer.type : null };
    }
    return { kind: 'other' };
  };
  /** Where a decoded item goes; iterative along origins (a pasted run can chain thousands of them). */
  const placeOf = (start: Decoded): Place => {
    const chain: Decoded[] = [];
    let item: Decoded = start;
    let place: Place | undefined;
    for (;;) {
      place = places.get(item);
      if (place) break;
      if (item.parent !== null) {
        place = {
          parent:
            typeof item.parent === 'string'
              ? { kind: 'root', name: item.parent }
              : typeParent(find(item.parent)),
          sub: item.parentSub,
        };
        places.set(item, place);
        break;
      }
      const neighbour = item.origin ?? item.rightOrigin;
      const found = neighbour ? find(neighbour) : null;
      if (found === null || found instanceof Y.GC) {
        place = found === null ? MISSING : GONE;
        break;
      }
      if (isLive(found)) {
        place = { parent: liveParent(found.parent as AnyType), sub: found.parentSub };
        break;
      }
      if (chain.includes(found as Decoded) || found === item) {
        place = MISSING;
        break;
      }
      chain.push(item);
      item = found as Decoded;
    }
    for (const waiting of chain) places.set(waiting, place);
    places.set(start, place);
    return place;
  };

  const added = new Map<string, number>();
  for (const list of byClient.values()) {
    for (const item of list) {
      // Already in the document: Yjs skips it.
      if (item.id.clock + item.length <= Y.getState(store, item.id.client)) continue;
      const place = placeOf(item);
      if (place.parent.kind === 'missing')
        return { ok: false, malformed: 'update depends on updates the server does not have' };
      const problem = itemProblem(doc, item, place, limits, added, recordCount);
      if (problem) return { ok: false, problem };
    }
  }
  return { ok: true };
}

function itemProblem(
  doc: Y.Doc,
  item: Decoded,
  { parent, sub }: Place,
  limits: ShapeLimits,
  added: Map<string, number>,
  recordCount: (delegation: string) => number,
): ShapeProblem | null {
  const content = item.content;
  if (parent.kind === 'gone') return null;
  if (parent.kind === 'root' && !ROOT_KINDS.has(parent.name))
    return {
      rule: 'SH1',
      message: `"${parent.name.slice(0, 40)}" is not a top-level type of a treaty document`,
    };
  // A deleted item holds nothing (its content was collected); where it sat was checked when it was written.
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentType) {
    const type = content.type as AnyType;
    const made: unknown = type.constructor;
    if (made !== Y.XmlElement && made !== Y.XmlText)
      return { rule: 'SH2', message: 'only elements and text may be nested in a treaty' };
    if (type instanceof Y.XmlElement && !elementType(type.nodeName))
      return { rule: 'SH2', message: `"${type.nodeName.slice(0, 40)}" is not an element of a treaty` };
  }
  switch (parent.kind) {
    case 'root': {
      if (ROOT_KINDS.get(parent.name) === 'fragment') {
        if (sub !== null) return { rule: 'SH1', message: 'the treaty fragment holds no keyed values' };
        if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) return null;
        return { rule: 'SH3', message: `the treaty holds only elements, not ${contentKind(content)}` };
      }
      if (sub === null) return { rule: 'SH1', message: `"${parent.name}" is a map of records, not a list` };
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1)
        return {
          rule: 'SH6',
          message: `a ${parent.name} entry must be a record, not ${contentKind(content)}`,
        };
      const value = content.arr[0];
      const problem = recordProblem(parent.name, sub, value, limits);
      if (problem) return problem;
      const delegation = parent.name === 'positions' ? null : recordDelegation(value);
      if (delegation !== null && !doc.getMap(parent.name).has(sub)) {
        const count = (added.get(delegation) ?? recordCount(delegation)) + 1;
        added.set(delegation, count);
        if (count > limits.maxRecordsPerDelegation)
          return {
            rule: 'SH7',
            message: `${delegation} would have more than ${limits.maxRecordsPerDelegation} records`,
          };
      }
      return null;
    }
    case 'element': {
      if (!parent.type)
        return { rule: 'SH2', message: `"${parent.name.slice(0, 40)}" is not an element of a treaty` };
      if (sub !== null) {
        if (!(content instanceof Y.ContentAny) || content.arr.length !== 1)
          return {
            rule: 'SH4',
            message: `the "${sub.slice(0, 40)}" attribute of a ${parent.name} must be text`,
          };
        return attributeProblem(parent.type, sub, content.arr[0]);
      }
      const child = content instanceof Y.ContentType ? content.type : null;
      if (parent.type.inlineContent) {
        if (child instanceof Y.XmlText) return null;
        return { rule: 'SH3', message: `a ${parent.name} holds only text, not ${describe(child, content)}` };
      }
      if (child instanceof Y.XmlElement) return null;
      return {
        rule: 'SH3',
        message: `a ${parent.name} holds only elements, not ${describe(child, content)}`,
      };
    }
    case 'text': {
      if (sub !== null) return { rule: 'SH5', message: 'text carries no attributes' };
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) return formatProblem(content.key, content.value, parent.block);
      return { rule: 'SH5', message: `text holds only characters, not ${contentKind(content)}` };
    }
    default:
      return { rule: 'SH2', message: 'the update writes into a type that is not part of a treaty' };
  }
}

/** Whether `struct` is an item of the document (its parent a type) rather than one decoded from the update. */
function isLive(struct: Y.Item | Y.GC | Decoded): struct is Y.Item {
  return struct instanceof Y.Item && struct.parent instanceof Y.AbstractType;
}

function describe(child: AnyType | null, content: unknown): string {
  if (child instanceof Y.XmlElement) return `a ${child.nodeName.slice(0, 40)} element`;
  if (child instanceof Y.XmlText) return 'text';
  return contentKind(content);
}
