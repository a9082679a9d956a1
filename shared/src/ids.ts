import type { Node } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { ID_BEARING_NODES, type NodeName } from './schema.ts';

declare const brand: unique symbol;
/** A string that the type system keeps apart from other strings of another brand. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Identifier of a document (one treaty text). */
export type DocumentId = Brand<string, 'DocumentId'>;
/** Stable identifier of an article, paragraph or other id-bearing node (ID1). */
export type NodeId = Brand<string, 'NodeId'>;
/** Identifier of a delegation: an ISO 3166-1 alpha-3 code, or `EU` for the European Union. */
export type DelegationId = Brand<string, 'DelegationId'>;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomId(length: number): string {
  const bytes = new Uint8Array(length);
  // Web Crypto is global in browsers and in Node >= 19; shared/ stays free of `node:` imports.
  (
    globalThis as unknown as { crypto: { getRandomValues(array: Uint8Array): Uint8Array } }
  ).crypto.getRandomValues(bytes);
  let id = '';
  // 256 is not a multiple of 36; the bias (< 1%) does not matter for uniqueness at these lengths.
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** A fresh node id: 10 random characters of [a-z0-9] (about 51 bits). */
export function newNodeId(): NodeId {
  return randomId(10) as NodeId;
}

/** A fresh document id: 16 random characters of [a-z0-9]. */
export function newDocumentId(): DocumentId {
  return randomId(16) as DocumentId;
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `value` has the form of a document id (checked before any store is asked about it). */
export function isDocumentId(value: string): value is DocumentId {
  return DOCUMENT_ID.test(value);
}

const idBearing = new Set<string>(ID_BEARING_NODES);

/** Whether nodes of this type carry a stable id (ST3). */
export function bearsId(name: NodeName | string): boolean {
  return idBearing.has(name);
}

/** Positions and fresh ids for every id-bearing node whose id is missing or repeats an earlier one (ID2, ID3). */
function missingIds(doc: Node): { pos: number; id: NodeId }[] {
  const seen = new Set<string>();
  const fixes: { pos: number; id: NodeId }[] = [];
  doc.descendants((node, pos) => {
    if (!bearsId(node.type.name)) return true;
    const id = node.attrs.id as string | null;
    if (id && !seen.has(id)) {
      seen.add(id);
    } else {
      let fresh = newNodeId();
      while (seen.has(fresh)) fresh = newNodeId();
      seen.add(fresh);
      fixes.push({ pos, id: fresh });
    }
    return true;
  });
  return fixes;
}

/**
 * A transaction that gives a fresh id to every id-bearing node whose id is null or repeats an earlier one in
 * document order (the first keeps it: ID2, ID3), or null when every id is present and unique. Meant for an
 * editor's `appendTransaction`, after splits and pastes copied ids.
 */
export function ensureNodeIds(state: EditorState): Transaction | null {
  const fixes = missingIds(state.doc);
  if (fixes.length === 0) return null;
  const tr = state.tr;
  for (const { pos, id } of fixes) tr.setNodeAttribute(pos, 'id', id);
  return tr.setMeta('addToHistory', false);
}

/** `doc` with a fresh id on every id-bearing node that lacks one or repeats an earlier one (ID2, ID3). */
export function withNodeIds(doc: Node): Node {
  const fixes = missingIds(doc);
  if (fixes.length === 0) return doc;
  const byPos = new Map(fixes.map((f) => [f.pos, f.id]));
  const rebuild = (node: Node, pos: number): Node => {
    const children: Node[] = [];
    node.forEach((child, offset) => {
      children.push(child.isText ? child : rebuild(child, pos + 1 + offset));
    });
    const id = byPos.get(pos);
    const attrs = id ? { ...node.attrs, id } : node.attrs;
    return node.type.create(attrs, children, node.marks);
  };
  // The doc node itself sits "before" position 0; its children start at offset 0.
  const children: Node[] = [];
  doc.forEach((child, offset) => {
    children.push(rebuild(child, offset));
  });
  return doc.type.create(doc.attrs, children, doc.marks);
}
