import { Fragment, type Mark, type Node, type NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { emptyTreaty } from '../empty.ts';
import { treatySchema } from '../schema.ts';
import { treatyFragment } from '../ydoc.ts';
import { elementType, ROOT_NODE } from './layout.ts';
import type { ShapeProblem } from './problem.ts';
import { attributeProblem, formatProblem, markOfFormatKey } from './values.ts';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

/** A treaty read from a Y.Doc, and what of the stored structure did not fit the schema (SH8). */
export interface StructureReading {
  readonly doc: Node;
  /** Each problem met, with the text it concerns; nothing is left out without a problem saying so. */
  readonly problems: readonly ShapeProblem[];
}

/**
 * SH8: reads the treaty of `ydoc` into a ProseMirror document of `treatySchema` without ever changing `ydoc`
 * (y-prosemirror's own conversion deletes, in the Y.Doc, the elements it cannot convert). Structure that does
 * not fit is reported: unknown elements and misplaced blocks are left out of the reading with their text in the
 * problem, missing required blocks are filled with empty ones, unknown attributes and marks are ignored.
 */
export function readTreatyStructure(ydoc: Y.Doc): StructureReading {
  const problems: ShapeProblem[] = [];
  const fragment = treatyFragment(ydoc);
  if (fragment.length === 0) return { doc: emptyTreaty(), problems };
  const content = readChildren(fragment, ROOT_NODE, problems);
  return { doc: ROOT_NODE.create(null, content), problems };
}

function readChildren(parent: Y.XmlFragment, type: NodeType, problems: ShapeProblem[]): Fragment {
  const where = type === ROOT_NODE ? 'the treaty' : `a ${type.name}`;
  const nodes: Node[] = [];
  for (const child of parent.toArray()) {
    if (type.inlineContent) {
      if (child instanceof Y.XmlText) nodes.push(...readText(child, type, problems));
      else problems.push(leftOut('SH3', `${where} holds an element`, child));
      continue;
    }
    if (!(child instanceof Y.XmlElement)) {
      problems.push(leftOut('SH3', `${where} holds text outside any block`, child));
      continue;
    }
    const node = readElement(child, problems);
    if (node) nodes.push(node);
  }
  if (type.inlineContent) return Fragment.from(nodes);
  // Fit the children to the content expression: fill what is missing before a child, leave out what cannot
  // stand anywhere here (reported with its text).
  const fitted: Node[] = [];
  let match = type.contentMatch;
  for (const node of nodes) {
    let next = match.matchType(node.type);
    if (!next) {
      const fill = match.fillBefore(Fragment.from(node));
      if (fill) {
        fill.forEach((filler) => {
          fitted.push(filler);
          match = match.matchType(filler.type)!;
        });
        next = match.matchType(node.type);
      }
    }
    if (!next) {
      problems.push({
        rule: 'SH3',
        message: `a ${node.type.name} cannot stand there in ${where}; left out of this reading: "${clip(node.textContent)}"`,
      });
      continue;
    }
    fitted.push(node);
    match = next;
  }
  const end = match.fillBefore(Fragment.empty, true);
  if (end && end.size > 0) {
    problems.push({
      rule: 'SH3',
      message: `${where} was incomplete; empty blocks stand in for what it lacks`,
    });
    end.forEach((filler) => {
      fitted.push(filler);
    });
  }
  return Fragment.from(fitted);
}

function readElement(element: Y.XmlElement, problems: ShapeProblem[]): Node | null {
  const type = elementType(element.nodeName);
  if (!type) {
    problems.push(
      leftOut('SH2', `"${element.nodeName.slice(0, 40)}" is not an element of a treaty`, element),
    );
    return null;
  }
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element.getAttributes() as Record<string, unknown>)) {
    const problem = attributeProblem(type, key, value);
    if (problem) problems.push(problem);
    else attrs[key] = value;
  }
  return type.create(attrs, readChildren(element, type, problems));
}

function readText(text: Y.XmlText, block: NodeType, problems: ShapeProblem[]): Node[] {
  const nodes: Node[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') {
      problems.push({
        rule: 'SH5',
        message: `text of a ${block.name} holds an embed; left out of this reading`,
      });
      continue;
    }
    if (op.insert.length === 0) continue;
    const marks: Mark[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const problem = formatProblem(key, value, block);
      const markType = markOfFormatKey(key);
      if (problem || !markType) {
        problems.push(problem ?? { rule: 'SH5', message: `unknown formatting "${key.slice(0, 40)}"` });
        continue;
      }
      // As y-prosemirror reads it: every mark kept (a concurrent merge can leave an insertion and a deletion on
      // one character; the rules read both).
      marks.push(markType.create(value as Record<string, unknown>));
    }
    nodes.push(treatySchema.text(op.insert, marks));
  }
  return nodes;
}

function leftOut(rule: ShapeProblem['rule'], message: string, type: AnyType): ShapeProblem {
  const text = type instanceof Y.XmlText ? type.toString() : textOf(type);
  return { rule, message: `${message}; left out of this reading${text ? `: "${clip(text)}"` : ''}` };
}

/** The characters of a Yjs subtree, without markup. */
function textOf(type: AnyType): string {
  if (type instanceof Y.XmlText)
    return (type.toDelta() as { insert: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment)
    return type
      .toArray()
      .map((child) => textOf(child))
      .join(' ');
  return '';
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
