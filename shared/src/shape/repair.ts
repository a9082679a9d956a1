import { Fragment, type NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { treatyFragment } from '../ydoc.ts';
import { elementType, ROOT_KINDS, ROOT_NODE } from './layout.ts';
import { DEFAULT_SHAPE_LIMITS, type ShapeLimits, type ShapeRule } from './problem.ts';
import { attributeProblem, formatProblem, recordProblem } from './values.ts';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

/** One change the chair's repair makes (SH10), where it is, in words a person understands. */
export interface RepairStep {
  readonly rule: ShapeRule;
  /** Where in the treaty (or which top-level type or record): "Article 2 “Scope”, paragraph 1". */
  readonly location: string;
  /** What is wrong and what the repair does about it. */
  readonly message: string;
}

/** A run of characters with its formatting (y-prosemirror's attribute keys), as a Y.XmlText delta holds it. */
interface Run {
  readonly insert: string;
  readonly attributes?: Record<string, unknown>;
}

/** A block of the repaired treaty: a text block with its runs, or another block with its children. */
interface Block {
  readonly type: NodeType;
  readonly attrs: Record<string, string>;
  readonly children: Block[];
  readonly runs: Run[];
}

/** A child met while reading: a block, or characters that stand outside any block that may hold them. */
type Piece =
  | { kind: 'block'; block: Block; location: string }
  | { kind: 'text'; runs: Run[]; location: string };

const TEXT_HOLDERS = ['body', 'article_heading', 'chapter_heading', 'preambular_paragraph', 'title'];

/**
 * SH10: what `repairTreaty` would change in `doc`, without changing it: every shape problem of the treaty, its
 * top-level types and its records, each with its location and what the repair does. Empty for a sound document
 * (`documentShapeProblems` finds nothing then, except the size bounds of SH7, which no repair can meet).
 */
export function repairSteps(doc: Y.Doc, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): RepairStep[] {
  return plan(doc, limits).steps;
}

/**
 * SH10: rewrites the structure of a treaty stored before its shape was checked into one the shape rules accept,
 * in one transaction, keeping every character of its text: blocks that cannot stand where they are move into the
 * nearest place that takes them (wrapped in the blocks they need, or their content unwrapped into their parent),
 * characters outside any text block join the nearest text block, JSON values and embeds become their JSON text,
 * elements the schema does not have give up their content to their parent; attributes and formatting the schema
 * does not have are dropped (the characters stay); top-level types outside the layout, list items in maps of
 * records and malformed records are removed, each listed first in the returned steps.
 */
export function repairTreaty(doc: Y.Doc, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): RepairStep[] {
  const { steps, blocks, rewrite, clear } = plan(doc, limits);
  if (steps.length === 0) return steps;
  doc.transact(() => {
    for (const action of clear) action();
    if (rewrite) {
      const fragment = treatyFragment(doc);
      fragment.delete(0, fragment.length);
      fragment.insert(0, blocks.map(toYjs));
    }
  });
  return steps;
}

function plan(doc: Y.Doc, limits: ShapeLimits) {
  const steps: RepairStep[] = [];
  const clear: (() => void)[] = [];
  const step = (rule: ShapeRule, location: string, message: string) =>
    steps.push({ rule, location, message });
  for (const [name, type] of doc.share) {
    const kind = ROOT_KINDS.get(name);
    const shown = `the top-level type "${name.slice(0, 40)}"`;
    const keys = liveKeys(type);
    const items = liveLength(type);
    if (!kind) {
      if (keys.length > 0 || items > 0) {
        step('SH1', shown, `not part of a treaty document (${keys.length} keys, ${items} items); removed`);
        clear.push(() => clearType(type));
      }
      continue;
    }
    if (kind === 'fragment' && keys.length > 0) {
      step('SH1', 'the treaty', `keyed values (${keys.slice(0, 5).join(', ')}) outside the text; removed`);
      clear.push(() => {
        for (const key of keys) removeKey(type, key);
      });
    }
    if (kind === 'records') {
      if (items > 0) {
        step('SH1', shown, `${items} list items in a map of records; removed`);
        clear.push(() => deleteItems(type));
      }
      for (const key of keys) {
        const value = type._map.get(key)!.content.getContent().at(-1);
        const problem = recordProblem(name, key, value, limits);
        if (!problem) continue;
        step(problem.rule, `record "${key.slice(0, 40)}" of ${name}`, `${problem.message}; removed`);
        clear.push(() => removeKey(type, key));
      }
    }
  }
  const fragment = treatyFragment(doc);
  const before = steps.length;
  const pieces = readChildren(fragment, 'the treaty', step);
  const { blocks, leftover } = fitChildren(ROOT_NODE, pieces, 'the treaty', step);
  if (leftover.length > 0) appendRuns(blocks, leftover);
  formattingSteps(blocks, 'the treaty', step);
  // An empty treaty stays empty (ST1): nothing to fit.
  const rewrite = steps.length > before && fragment.length > 0;
  return { steps, blocks, rewrite, clear };
}

/** SH5: formatting a block does not take (where its runs ended up) is dropped; the characters stay. */
function formattingSteps(
  blocks: readonly Block[],
  location: string,
  step: (rule: ShapeRule, location: string, message: string) => void,
): void {
  const counts = new Map<string, number>();
  for (const block of blocks) {
    const index = (counts.get(block.type.name) ?? 0) + 1;
    counts.set(block.type.name, index);
    const where = `${location}, ${block.type.name.replaceAll('_', ' ')} ${index}`;
    if (!block.type.inlineContent) {
      formattingSteps(block.children, where, step);
      continue;
    }
    for (const run of block.runs) {
      for (const [key, value] of Object.entries(run.attributes ?? {})) {
        const problem = formatProblem(key, value, block.type);
        if (problem)
          step(
            problem.rule,
            where,
            `${problem.message} on "${run.insert.slice(0, 40)}"; dropped (the characters stay)`,
          );
      }
    }
  }
}

/** Reads the children of a Yjs container into pieces, noting what does not belong (attributes, names). */
function readChildren(
  parent: Y.XmlFragment,
  location: string,
  step: (rule: ShapeRule, location: string, message: string) => void,
): Piece[] {
  const pieces: Piece[] = [];
  const counts = new Map<string, number>();
  for (const child of parent.toArray() as unknown[]) {
    if (child instanceof Y.XmlText) {
      pieces.push({ kind: 'text', runs: runsOf(child, location, step), location });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) {
      const text = jsonText(child);
      step('SH3', location, `a JSON value (${text.slice(0, 40)}) among the blocks; kept as text`);
      pieces.push({ kind: 'text', runs: [{ insert: text }], location });
      continue;
    }
    const type = elementType(child.nodeName);
    const index = (counts.get(child.nodeName) ?? 0) + 1;
    counts.set(child.nodeName, index);
    const where = `${location}, ${describe(child, index)}`;
    if (!type) {
      step(
        'SH2',
        where,
        `"${child.nodeName.slice(0, 40)}" is not an element of a treaty; its content is kept in its place`,
      );
      pieces.push(...readChildren(child, location, step));
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(child.getAttributes() as Record<string, unknown>)) {
      const problem = attributeProblem(type, key, value);
      if (problem) step(problem.rule, where, `${problem.message}; the attribute is dropped`);
      else attrs[key] = value as string;
    }
    if (type.inlineContent) {
      const runs: Run[] = [];
      const inner: Piece[] = [];
      for (const grandchild of child.toArray() as unknown[]) {
        if (grandchild instanceof Y.XmlText) runs.push(...runsOf(grandchild, where, step));
        else if (grandchild instanceof Y.XmlElement) {
          step(
            'SH3',
            where,
            `a text block holds a ${grandchild.nodeName.slice(0, 40)}; its content is moved after it`,
          );
          inner.push(...readChildren(wrapperOf(grandchild), where, step));
        } else {
          const text = jsonText(grandchild);
          step('SH3', where, `a JSON value (${text.slice(0, 40)}) in a text block; kept as text`);
          runs.push({ insert: text });
        }
      }
      pieces.push({ kind: 'block', block: { type, attrs, children: [], runs }, location: where });
      pieces.push(...inner);
      continue;
    }
    const children = readChildren(child, where, step);
    const { blocks, leftover } = fitChildren(type, children, where, step);
    pieces.push({ kind: 'block', block: { type, attrs, children: blocks, runs: [] }, location: where });
    if (leftover.length > 0) pieces.push({ kind: 'text', runs: leftover, location: where });
  }
  return pieces;
}

/** A fragment-like view of one element, so that an element met inside a text block is read as a sibling. */
function wrapperOf(element: Y.XmlElement): Y.XmlFragment {
  return { toArray: () => [element] } as unknown as Y.XmlFragment;
}

/**
 * Fits `pieces` into the content expression of `type`: each block where it can stand, after the blocks it needs
 * (empty ones), or wrapped in the blocks that take it, or else unwrapped; characters outside a text block join
 * the previous text block (or the next one). Characters with no text block at this level are returned.
 */
function fitChildren(
  type: NodeType,
  pieces: readonly Piece[],
  location: string,
  step: (rule: ShapeRule, location: string, message: string) => void,
): { blocks: Block[]; leftover: Run[] } {
  const blocks: Block[] = [];
  let match = type.contentMatch;
  let pending: Run[] = [];
  let wrappers = '';
  /** Places `block`; says how (`direct` changes nothing), or false when it cannot stand here at all. */
  const place = (block: Block): 'direct' | 'filled' | 'wrapped' | false => {
    const direct = match.matchType(block.type);
    if (direct) {
      blocks.push(block);
      match = direct;
      return 'direct';
    }
    const fill = match.fillBefore(fragmentOf(block.type));
    if (fill) {
      let filled = match;
      fill.forEach((node) => {
        filled = filled.matchType(node.type)!;
      });
      const next = filled.matchType(block.type);
      if (next) {
        fill.forEach((node) => {
          blocks.push(emptyBlock(node.type));
        });
        blocks.push(block);
        match = next;
        return 'filled';
      }
    }
    const wrapping = match.findWrapping(block.type);
    if (wrapping && wrapping.length > 0) {
      let inner = block;
      for (const wrapper of [...wrapping].reverse()) inner = complete(wrapper, [inner]);
      const next = match.matchType(inner.type);
      if (next) {
        blocks.push(inner);
        match = next;
        wrappers = wrapping.map((wrapper) => wrapper.name.replaceAll('_', ' ')).join(' in a ');
        return 'wrapped';
      }
    }
    return false;
  };
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      if (piece.runs.length === 0) continue;
      step('SH3', piece.location, 'characters outside any text block; they join the nearest text block');
      if (!appendRuns(blocks, piece.runs)) pending.push(...piece.runs);
      continue;
    }
    const { block } = piece;
    if (pending.length > 0 && block.type.inlineContent) {
      block.runs.unshift(...pending);
      pending = [];
    }
    const placed = place(block);
    if (placed === 'filled')
      step('SH3', piece.location, `empty blocks added before a ${block.type.name} that needs them`);
    if (placed === 'wrapped')
      step('SH3', piece.location, `a ${block.type.name} cannot stand alone there; put in a new ${wrappers}`);
    if (placed) continue;
    step(
      'SH3',
      piece.location,
      `a ${block.type.name} cannot stand in ${location}; moved to the nearest place that takes it`,
    );
    if (block.type.inlineContent) {
      // No place here for this text block: its characters join the nearest text block.
      const holder = TEXT_HOLDERS.map((name) => type.schema.nodes[name]!).find((candidate) =>
        place({ type: candidate, attrs: {}, children: [], runs: [...block.runs] }),
      );
      if (!holder && !appendRuns(blocks, block.runs)) pending.push(...block.runs);
    } else {
      // Its children take its place.
      const { blocks: inner, leftover } = fitChildren(
        type,
        block.children.map(asPiece(piece.location)),
        location,
        step,
      );
      for (const child of inner)
        if (!place(child) && !appendRuns(blocks, allRuns(child))) pending.push(...allRuns(child));
      if (!appendRuns(blocks, leftover)) pending.push(...leftover);
    }
  }
  const end = match.fillBefore(Fragment.empty, true);
  if (end && end.childCount > 0) step('SH3', location, `incomplete; empty blocks added for what it lacks`);
  end?.forEach((node) => {
    blocks.push(emptyBlock(node.type));
  });
  if (pending.length > 0 && !appendRuns(blocks, pending)) return { blocks, leftover: pending };
  return { blocks, leftover: [] };
}

const asPiece =
  (location: string) =>
  (block: Block): Piece => ({ kind: 'block', block, location });

/** One complete node of `type`, as the fragment a content match is asked to fill before. */
function fragmentOf(type: NodeType): Fragment {
  return Fragment.from(type.createAndFill());
}

/** A block of `type` around `children`, completed with the empty blocks its content expression requires. */
function complete(type: NodeType, children: Block[]): Block {
  let match = type.contentMatch;
  const blocks: Block[] = [];
  for (const child of children) {
    const fill = match.fillBefore(fragmentOf(child.type));
    fill?.forEach((node) => {
      blocks.push(emptyBlock(node.type));
      match = match.matchType(node.type)!;
    });
    blocks.push(child);
    match = match.matchType(child.type) ?? match;
  }
  match.fillBefore(Fragment.empty, true)?.forEach((node) => {
    blocks.push(emptyBlock(node.type));
  });
  return { type, attrs: {}, children: blocks, runs: [] };
}

/** An empty block of `type` with the blocks it requires. */
function emptyBlock(type: NodeType): Block {
  return type.inlineContent ? { type, attrs: {}, children: [], runs: [] } : complete(type, []);
}

/** Appends `runs` to the last text block in `blocks` (searching inside the last blocks); false when none. */
function appendRuns(blocks: Block[], runs: readonly Run[]): boolean {
  if (runs.length === 0) return true;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.type.inlineContent) {
      block.runs.push(...runs);
      return true;
    }
    if (appendRuns(block.children, runs)) return true;
  }
  return false;
}

function allRuns(block: Block): Run[] {
  return block.type.inlineContent ? block.runs : block.children.flatMap(allRuns);
}

/** The characters of a Y.XmlText as runs; embeds become their JSON text, attributes on the text are noted. */
function runsOf(
  text: Y.XmlText,
  location: string,
  step: (rule: ShapeRule, location: string, message: string) => void,
): Run[] {
  if (Object.keys(text.getAttributes()).length > 0)
    step('SH5', location, 'attributes on text; dropped (the characters stay)');
  const runs: Run[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert === 'string') {
      if (op.insert.length > 0)
        runs.push(op.attributes ? { insert: op.insert, attributes: op.attributes } : { insert: op.insert });
      continue;
    }
    const json = jsonText(op.insert);
    step('SH5', location, `an embed (${json.slice(0, 40)}) in the text; kept as text`);
    runs.push({ insert: json });
  }
  return runs;
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  const plain = value instanceof Y.AbstractType ? value.toJSON() : value;
  try {
    return JSON.stringify(plain) ?? String(plain);
  } catch {
    return String(plain);
  }
}

/** How a person names an element: "article 2 “Scope”" (with its heading's text when it has one). */
function describe(element: Y.XmlElement, index: number): string {
  const name = element.nodeName.slice(0, 40).replaceAll('_', ' ');
  const first = element.get(0);
  const heading =
    first instanceof Y.XmlElement && first.nodeName.endsWith('heading') && first.get(0) instanceof Y.XmlText
      ? (first.get(0) as Y.XmlText).toString().slice(0, 60)
      : '';
  return heading ? `${name} ${index} “${heading}”` : `${name} ${index}`;
}

/** The Yjs element of `block`, with its formatting kept where its block takes it. */
function toYjs(block: Block): Y.XmlElement {
  const element = new Y.XmlElement(block.type.name);
  for (const [key, value] of Object.entries(block.attrs)) element.setAttribute(key, value);
  if (block.type.inlineContent) {
    const text = new Y.XmlText();
    let at = 0;
    for (const run of block.runs) {
      const kept = Object.fromEntries(
        Object.entries(run.attributes ?? {}).filter(([key, value]) => !formatProblem(key, value, block.type)),
      );
      text.insert(at, run.insert, Object.keys(kept).length > 0 ? kept : {});
      at += run.insert.length;
    }
    element.insert(0, [text]);
  } else element.insert(0, block.children.map(toYjs));
  return element;
}

function liveKeys(type: AnyType): string[] {
  return [...type._map].filter(([, item]) => !item.deleted).map(([key]) => key);
}

function liveLength(type: AnyType): number {
  let count = 0;
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) count += 1;
  return count;
}

/** Removes key `key` of any shared type (Y.Map's and Y.XmlElement's delete work on the base type's map). */
function removeKey(type: AnyType, key: string): void {
  Y.XmlElement.prototype.removeAttribute.call(type as Y.XmlElement, key);
}

/** Deletes every list item of any shared type. */
function deleteItems(type: AnyType): void {
  const length = liveLength(type);
  if (length > 0) Y.Array.prototype.delete.call(type as Y.Array<unknown>, 0, length);
}

function clearType(type: AnyType): void {
  for (const key of liveKeys(type)) removeKey(type, key);
  deleteItems(type);
}
