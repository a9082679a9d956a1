import type { NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { elementType, ROOT_NODE } from './layout.ts';
import type { ShapeProblem } from './problem.ts';
import { attributeProblem, formatProblem } from './values.ts';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

/**
 * SH2–SH5 on the integrated Yjs structure: an element's children against its node type's content expression,
 * its attributes, its text. Derived from `treatySchema` only, so a node added to the schema is covered as is.
 */

/** The name of the content kind of a Yjs item, for messages. */
export function contentKind(content: Y.AbstractStruct | unknown): string {
  if (content instanceof Y.ContentString) return 'text';
  if (content instanceof Y.ContentEmbed) return 'an embed';
  if (content instanceof Y.ContentFormat) return 'formatting';
  if (content instanceof Y.ContentAny) return 'a JSON value';
  if (content instanceof Y.ContentJSON) return 'a JSON value';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a subdocument';
  if (content instanceof Y.ContentType) return 'a shared type';
  return 'content';
}

/** The live items of a type's child list, in order (deleted ones skipped). */
function* liveItems(type: AnyType): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) yield item;
}

/**
 * SH3: the child list of the treaty fragment (`type` the top node) or of an element of `type`. Text blocks hold
 * only Y.XmlText; other blocks only elements, in an order their content expression accepts and complete.
 * The fragment may also be empty (ST1).
 */
export function childrenProblem(parent: Y.XmlFragment, type: NodeType): ShapeProblem | null {
  const where = type === ROOT_NODE ? 'the treaty' : `a ${type.name}`;
  let match = type.contentMatch;
  let count = 0;
  for (const item of liveItems(parent)) {
    count += 1;
    const content = item.content;
    const child = content instanceof Y.ContentType ? content.type : null;
    if (type.inlineContent) {
      if (child instanceof Y.XmlText) continue;
      return { rule: 'SH3', message: `${where} holds only text, not ${describe(child, content)}` };
    }
    if (!(child instanceof Y.XmlElement) || child instanceof Y.XmlHook)
      return { rule: 'SH3', message: `${where} holds only elements, not ${describe(child, content)}` };
    const childType = elementType(child.nodeName);
    if (!childType)
      return { rule: 'SH2', message: `"${child.nodeName.slice(0, 40)}" is not an element of a treaty` };
    const next = match.matchType(childType);
    if (!next) return { rule: 'SH3', message: `a ${childType.name} cannot stand there in ${where}` };
    match = next;
  }
  if (type.inlineContent || match.validEnd || (type === ROOT_NODE && count === 0)) return null;
  const missing = match.defaultType?.name;
  return { rule: 'SH3', message: `${where} is incomplete${missing ? `: it needs a ${missing}` : ''}` };
}

function describe(child: AnyType | null, content: unknown): string {
  if (child instanceof Y.XmlElement) return `a ${child.nodeName.slice(0, 40)} element`;
  if (child instanceof Y.XmlText) return 'text';
  return contentKind(content);
}

/** SH4: the attributes of element `element` of `type`. */
export function attributesProblem(element: Y.XmlElement, type: NodeType): ShapeProblem | null {
  for (const [key, value] of Object.entries(element.getAttributes() as Record<string, unknown>)) {
    const found = attributeProblem(type, key, value);
    if (found) return found;
  }
  return null;
}

/** SH5: a Y.XmlText inside a block of `block`: strings and the block's marks only, no attributes. */
export function textProblem(text: Y.XmlText, block: NodeType | null): ShapeProblem | null {
  if (text._map.size > 0) {
    for (const item of text._map.values()) {
      if (!item.deleted) return { rule: 'SH5', message: 'text carries no attributes' };
    }
  }
  for (const item of liveItems(text)) {
    const content = item.content;
    if (content instanceof Y.ContentString) continue;
    if (content instanceof Y.ContentFormat) {
      const found = formatProblem(content.key, content.value, block);
      if (found) return found;
      continue;
    }
    return { rule: 'SH5', message: `text holds only characters, not ${contentKind(content)}` };
  }
  return null;
}

/** SH2–SH5 for `element` and everything inside it. */
export function elementDeepProblem(element: Y.XmlElement): ShapeProblem | null {
  const type = elementType(element.nodeName);
  if (!type)
    return { rule: 'SH2', message: `"${element.nodeName.slice(0, 40)}" is not an element of a treaty` };
  if (element._map.size > 0) {
    const found = attributesProblem(element, type);
    if (found) return found;
  }
  const found = childrenProblem(element, type);
  if (found) return found;
  for (const item of liveItems(element)) {
    const child = (item.content as Y.ContentType).type;
    const inner =
      child instanceof Y.XmlText ? textProblem(child, type) : elementDeepProblem(child as Y.XmlElement);
    if (inner) return inner;
  }
  return null;
}

/** The node type of a Y.XmlText's block (null when its parent is no element of the schema). */
export function blockOf(text: Y.XmlText): NodeType | null {
  const parent = text.parent;
  return parent instanceof Y.XmlElement ? elementType(parent.nodeName) : null;
}
