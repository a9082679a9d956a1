import type { Node } from 'prosemirror-model';
import { newNodeId } from '../ids.ts';
import { treatySchema } from '../schema.ts';
import { scanLine } from './inline.ts';
import { parseStatusMarker } from './status-marker.ts';

/**
 * What the parser builds before it makes nodes: block drafts with their inline content, their block bracket
 * (TX14), alternative (TX15) and status (TX16) attributes, and the stack of open block brackets.
 */

/** Refuses the text at a 0-based line index and a 1-based column (TX11). */
export type Refuse = (line: number, column: number, message: string) => never;

/** A place in the text: 0-based line index, 1-based column. */
export interface Spot {
  readonly line: number;
  readonly column: number;
}

/** Kinds of block drafts. */
export type DraftKind = 'chapter' | 'article' | 'paragraph' | 'subparagraph' | 'clause' | 'preambular';

/** A block being read: its text (or heading) as inline nodes, its children, its attributes. */
export interface Draft {
  readonly kind: DraftKind;
  /** "paragraph 2", "subparagraph (a)", "Article 5": how messages name it. */
  readonly name: string;
  readonly indent: number;
  /** NU8: k for the k-th alternative of the block before it, 0 otherwise. */
  readonly alternative: number;
  content: Node[];
  readonly children: Draft[];
  readonly attrs: { bracket: string | null; bracketGroup: string | null } & Partial<StatusFields>;
  /** Where the block's bracket opens (`[` before its marker) and where it was closed. */
  readonly opened: Spot | null;
  closed: Spot | null;
}
interface StatusFields {
  status: string | null;
  pending: string | null;
  package: string | null;
}

/** A new draft; `bracket` is the fresh id of its block bracket, if it has one. */
export function draft(
  kind: DraftKind,
  name: string,
  options: {
    indent?: number;
    alternative?: number;
    opened?: Spot | null;
    bracket?: string | null;
    group?: string | null;
  },
): Draft {
  return {
    kind,
    name,
    indent: options.indent ?? 0,
    alternative: options.alternative ?? 0,
    content: [],
    children: [],
    attrs: { bracket: options.bracket ?? null, bracketGroup: options.group ?? null },
    opened: options.opened ?? null,
    closed: null,
  };
}

/** The key of a draft's alternatives group (BR5): its group, else its own bracket. */
export const draftGroupKey = (d: Draft): string | null => d.attrs.bracketGroup ?? d.attrs.bracket;

/**
 * TX14: the open block brackets, innermost last. A block's bracket must close at the end of its last line:
 * when a later block starts outside it, it must be closed, and a block whose bracket is closed must not go on.
 */
export class BlockBrackets {
  private readonly open: Draft[] = [];

  constructor(private readonly refuse: Refuse) {}

  /** How many block brackets are open, i.e. how many `]` may close blocks on the current line. */
  get depth(): number {
    return this.open.length;
  }

  /** `block` (or nothing: a heading, the end) starts inside `ancestors`; pushes its bracket if it has one. */
  enter(block: Draft | null, ancestors: readonly Draft[]): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const entry = this.open[i]!;
      if (ancestors.includes(entry)) continue;
      const at = entry.opened!;
      this.refuse(
        at.line,
        at.column,
        `The bracket around ${entry.name} is never closed: end its last line with ] (TX14).`,
      );
    }
    for (const ancestor of ancestors) {
      if (!ancestor.closed) continue;
      this.refuse(
        ancestor.closed.line,
        ancestor.closed.column,
        `This ] closes the bracket around ${ancestor.name}, which goes on below: close it at the end of its last line (TX14).`,
      );
    }
    if (block?.opened) this.open.push(block);
  }

  /** The block closers of a line, innermost first (TX14); `columns` are 1-based. */
  close(line: number, columns: readonly number[]): void {
    for (const column of columns) {
      const entry = this.open.pop();
      if (!entry)
        this.refuse(line, column, 'This ] closes no bracket; write \\] for a literal bracket (TX12).');
      entry!.closed = { line, column };
    }
  }
}

const { marks } = treatySchema;

/**
 * Reads the notation after a line's marker into `into` (TX12, TX13), closes block brackets (TX14) and reads a
 * status marker (TX16) when `status` allows one. `offset` is the 0-based column where `source` starts.
 */
export function readContent(
  into: Draft,
  source: string,
  where: { line: number; offset: number; status: boolean },
  brackets: BlockBrackets,
  refuse: Refuse,
): void {
  const result = scanLine(source, { closers: brackets.depth, status: where.status });
  if (!result.ok) refuse(where.line, where.offset + result.refusal.index + 1, result.refusal.message);
  const { runs, closers, status } = result.scan;
  into.content = runs.map((run) =>
    treatySchema.text(
      run.text,
      run.brackets.map((bracket) => marks.bracket.create(bracket)),
    ),
  );
  brackets.close(
    where.line,
    closers.map((index) => where.offset + index + 1),
  );
  if (status) {
    const marker = parseStatusMarker(status.source);
    if (!marker.ok) refuse(where.line, where.offset + status.index + marker.index + 1, marker.message);
    Object.assign(into.attrs, marker.attrs);
  }
}

/** The attributes of the node made from `d` (a fresh stable id; statuses only where SS1 puts them). */
export function nodeAttrs(d: Draft): Record<string, string | null> {
  const { bracket, bracketGroup, status = null, pending = null, package: name = null } = d.attrs;
  const base = { id: newNodeId(), bracket, bracketGroup };
  return d.kind === 'paragraph' || d.kind === 'preambular'
    ? { ...base, status, pending, package: name }
    : base;
}
