import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import type { BracketContext } from '../brackets/editing.ts';
import { createBracket, readBrackets } from '../brackets/model.ts';
import { encodeTreatyUpdate } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { treatySchema } from '../schema.ts';
import { updateShapeProblem } from '../shape/precheck.ts';
import { DEFAULT_SHAPE_LIMITS, shapeReason } from '../shape/problem.ts';
import { watchShape } from '../shape/watch.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
import { treatyFragment } from '../ydoc.ts';
import type { ProposalContext } from './editing.ts';
import { createProposal, readProposals } from './model.ts';
import { applyUnderRules, type RuleEditor } from './rules.ts';

/**
 * A test replica: a Y.Doc bound to a ProseMirror state the way y-prosemirror's binding does it (updateYFragment
 * after each local transaction, a fresh document after remote updates), without a DOM. Every local Yjs update
 * is queued in `outbox` for the test to deliver, like a WebsocketProvider would.
 */
export class Replica {
  readonly ydoc = new Y.Doc();
  state: EditorState;
  readonly outbox: Uint8Array[] = [];
  private meta = { mapping: new Map(), isOMark: new Map() };

  constructor(
    readonly editor: RuleEditor & { readonly name: string },
    initial?: Uint8Array,
  ) {
    if (initial) Y.applyUpdate(this.ydoc, initial, 'remote');
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
    this.state = EditorState.create({ schema: treatySchema, doc: this.readDoc() });
  }

  private readDoc() {
    return yXmlFragmentToProseMirrorRootNode(treatyFragment(this.ydoc), treatySchema);
  }

  /** The proposal context of this replica's editor, creating records in its Y.Doc when asked. */
  context(): ProposalContext {
    return {
      delegation: this.editor.delegation,
      records: readProposals(this.ydoc),
      brackets: readBrackets(this.ydoc),
      allocate: () =>
        createProposal(this.ydoc, {
          delegation: this.editor.delegation,
          personId: this.editor.personId,
          personName: this.editor.name,
        }).id,
    };
  }

  /** The bracket context of this replica's editor, writing records in its Y.Doc (BR2). */
  bracketContext(): BracketContext {
    const author = {
      delegation: this.editor.delegation,
      personId: this.editor.personId,
      personName: this.editor.name,
    };
    return {
      author,
      allocate: (options) => createBracket(this.ydoc, author, options),
    };
  }

  /** Applies a local transaction and writes it to the Y.Doc, as the sync plugin does. */
  dispatch(tr: Transaction | null): boolean {
    if (!tr) return false;
    this.state = this.state.apply(tr);
    this.ydoc.transact(
      () => updateYFragment(this.ydoc, treatyFragment(this.ydoc), this.state.doc, this.meta),
      'local',
    );
    return true;
  }

  /** Receives updates from elsewhere and re-reads the document (the caret is kept where it can be). */
  receive(updates: readonly Uint8Array[]): void {
    for (const update of updates) Y.applyUpdate(this.ydoc, update, 'remote');
    this.refresh();
  }

  /** Re-reads the document from the Y.Doc (after remote updates or direct Yjs writes). */
  refresh(): void {
    this.meta = { mapping: new Map(), isOMark: new Map() };
    const doc = this.readDoc();
    const head = Math.min(this.state.selection.head, doc.content.size);
    const selection = TextSelection.between(doc.resolve(head), doc.resolve(head));
    this.state = EditorState.create({ schema: treatySchema, doc, selection });
  }

  /** Puts the caret at `pos`. */
  caret(pos: number): void {
    this.state = this.state.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, pos)));
  }

  /** Takes the queued updates. */
  flush(): Uint8Array[] {
    return this.outbox.splice(0);
  }
}

/** Editors of the tests. */
export const EDITORS = {
  russia: {
    personId: 'anna',
    name: 'Anna Petrova',
    delegation: 'RUS' as DelegationId,
    role: 'delegate' as const,
  },
  usa: {
    personId: 'john',
    name: 'John Miller',
    delegation: 'USA' as DelegationId,
    role: 'delegate' as const,
  },
  china: { personId: 'li', name: 'Li Wei', delegation: 'CHN' as DelegationId, role: 'delegate' as const },
  chair: { personId: 'chair', name: 'The Chair', delegation: null, role: 'chair' as const },
};

/**
 * The server's copy: every update is checked for its shape (SH rules, before and after it is applied) and under
 * the rules for its sender before it is kept. `shapeRefusals` counts the updates the shape check refused.
 */
export class Server {
  doc = new Y.Doc();
  shapeRefusals = 0;
  constructor(initial: Uint8Array) {
    Y.applyUpdate(this.doc, initial);
  }
  /** Applies `updates` in order under the rules; a refused update is rolled back, as the real server's gate does. */
  receive(editor: RuleEditor, updates: readonly Uint8Array[]): string | null {
    for (const update of updates) {
      const pre = updateShapeProblem(this.doc, update, DEFAULT_SHAPE_LIMITS, () => 0);
      if (!pre.ok) {
        this.shapeRefusals += 1;
        return 'problem' in pre ? shapeReason(pre.problem) : pre.malformed;
      }
      const before = Y.encodeStateAsUpdate(this.doc);
      const shape = watchShape(this.doc);
      const violation = applyUnderRules(this.doc, update, editor);
      const problem = shape.finish();
      if (problem) this.shapeRefusals += 1;
      if (violation || problem) {
        this.doc = new Y.Doc();
        Y.applyUpdate(this.doc, before);
        return problem ? shapeReason(problem) : `${violation!.rule}: ${violation!.message}`;
      }
    }
    return null;
  }
}

/** The position just after the first occurrence of `needle` in the document's text. */
export function endOf(replica: Replica, needle: string): number {
  let found = -1;
  replica.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const index = node.text!.indexOf(needle);
    if (index >= 0) found = pos + index + needle.length;
    return false;
  });
  if (found < 0) throw new Error(`no "${needle}" in the document`);
  return found;
}

/**
 * Replicas whose updates go through a server as in production: the server checks each under the rules for its
 * sender and forwards what it accepts; a replica whose update was refused starts again from the server's state
 * (PR11). `sync()` delivers everything queued so far.
 */
export class Network {
  readonly server: Server;
  replicas: Replica[];
  refusals = 0;

  constructor(editors: readonly (RuleEditor & { readonly name: string })[], initial: Uint8Array) {
    this.server = new Server(initial);
    this.replicas = editors.map((editor) => new Replica(editor, initial));
  }

  sync(): void {
    const inbox = this.replicas.map(() => [] as Uint8Array[]);
    const resync = new Set<number>();
    this.replicas.forEach((replica, i) => {
      for (const update of replica.flush()) {
        if (this.server.receive(replica.editor, [update])) {
          this.refusals++;
          resync.add(i);
          break;
        }
        inbox.forEach((box, j) => {
          if (j !== i) box.push(update);
        });
      }
    });
    this.replicas = this.replicas.map((replica, i) =>
      resync.has(i) ? new Replica(replica.editor, Y.encodeStateAsUpdate(this.server.doc)) : replica,
    );
    this.replicas.forEach((replica, j) => {
      if (!resync.has(j)) replica.receive(inbox[j]!);
    });
  }
}

/** The Yjs state of a treaty given in the plain-text format (TX rules), to start replicas and servers from. */
export function seedFromText(text: string): Uint8Array {
  const parsed = parseTreatyText(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return encodeTreatyUpdate(parsed.doc);
}

/** Sends a replica's updates to the server, then to `to` if accepted; returns the server's refusal, if any. */
export function deliver(server: Server, from: Replica, ...to: Replica[]): string | null {
  const updates = from.flush();
  const refusal = server.receive(from.editor, updates);
  if (!refusal) for (const replica of to) replica.receive(updates);
  return refusal;
}
