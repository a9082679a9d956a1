import type { Node } from 'prosemirror-model';
import { type Location, walkTreaty } from '../locate.ts';
import { MarkName } from '../schema.ts';

/** A bracket found in a treaty (BR1): where it is, what it holds, how deep it sits and its place in its group. */
export interface BracketSpan {
  readonly id: string;
  /** The bracket it is an option of, as stored (null for a plain bracket or the first option). */
  readonly group: string | null;
  /** Its group's key: `group ?? id`. */
  readonly key: string;
  readonly kind: 'inline' | 'block';
  /** For a block bracket: the node type it brackets ('paragraph', 'article' ...). */
  readonly blockType: string | null;
  /** Inline: the first bracketed position; block: the node's position. */
  readonly from: number;
  /** Inline: the position after the last bracketed character; block: the position after the node. */
  readonly to: number;
  readonly text: string;
  /** 1 for an outermost bracket, 2 inside one other bracket, and so on (BR3). */
  readonly depth: number;
  /** Its number in its group of alternatives (1, 2 ...), or null outside a group of two or more (BR5). */
  readonly option: number | null;
  /** How many members of its group are in the text (1 for a plain bracket). */
  readonly groupSize: number;
  readonly location: Location;
}

/** BR8: how many brackets, options and groups of alternatives. */
export interface BracketCounts {
  readonly brackets: number;
  readonly options: number;
  readonly groups: number;
}

/** BR8: the counts of one article (or of the preamble, or the title). */
export interface ArticleBracketCounts extends BracketCounts {
  /** The article's id, or 'preamble' / 'title'. */
  readonly key: string;
  /** "Article 3", "Preamble", "Title". */
  readonly label: string;
}

/** Every bracket of a treaty with its counts. */
export interface BracketScan {
  /** In document order, an outer bracket before the brackets it holds. */
  readonly spans: readonly BracketSpan[];
  readonly byId: ReadonlyMap<string, BracketSpan>;
  /** The articles (and preamble, title) that hold brackets, in document order. */
  readonly perArticle: readonly ArticleBracketCounts[];
  readonly total: BracketCounts;
}

interface Draft {
  id: string;
  group: string | null;
  kind: 'inline' | 'block';
  blockType: string | null;
  from: number;
  to: number;
  text: string;
  outer: number;
  location: Location;
  /** Inline: the textblock's position, to tell which inline brackets can hold one another. */
  block: number;
}

/** The bracket marks of a text node, as `{ id, group }`. */
export function bracketMarks(node: Node): { id: string; group: string | null }[] {
  return node.marks
    .filter((mark) => mark.type.name === MarkName.bracket)
    .map((mark) => ({ id: String(mark.attrs.id), group: (mark.attrs.group as string | null) ?? null }));
}

const articleKey = (where: Location) =>
  where.articleId ??
  (where.article === 'Preamble' ? 'preamble' : where.article === 'Title' ? 'title' : where.article);

/**
 * Every bracket of `doc` (marks and block attributes) with its text, depth, option number and location, and
 * the counts of BR8 per article and in total.
 */
export function scanBrackets(doc: Node): BracketScan {
  const drafts = new Map<string, Draft>();
  // Block brackets enclosing the node being visited, by depth of the walk.
  const blockStack: { end: number }[] = [];
  let textblock = -1;
  walkTreaty(doc, (node, pos, where) => {
    while (blockStack.length > 0 && blockStack[blockStack.length - 1]!.end <= pos) blockStack.pop();
    const bracket = node.attrs.bracket as string | null | undefined;
    if (bracket && !drafts.has(bracket)) {
      drafts.set(bracket, {
        id: bracket,
        group: (node.attrs.bracketGroup as string | null) ?? null,
        kind: 'block',
        blockType: node.type.name,
        from: pos,
        to: pos + node.nodeSize,
        text: node.textContent,
        outer: blockStack.length,
        location: where,
        block: -1,
      });
      blockStack.push({ end: pos + node.nodeSize });
    }
    if (node.isTextblock) textblock = pos;
    if (!node.isText) return true;
    const end = pos + node.nodeSize;
    for (const mark of bracketMarks(node)) {
      const found = drafts.get(mark.id);
      if (found) {
        found.to = Math.max(found.to, end);
        found.text += node.text ?? '';
      } else {
        drafts.set(mark.id, {
          ...mark,
          kind: 'inline',
          blockType: null,
          from: pos,
          to: end,
          text: node.text ?? '',
          outer: blockStack.length,
          location: where,
          block: textblock,
        });
      }
    }
    return false;
  });

  const all = [...drafts.values()];
  const inline = all.filter((draft) => draft.kind === 'inline');
  // BR3: an inline bracket sits inside every inline bracket of its block whose range holds its own (equal
  // ranges are ordered by id, so that the nesting reads the same on every replica).
  const holds = (outer: Draft, inner: Draft) =>
    outer !== inner &&
    outer.block === inner.block &&
    outer.from <= inner.from &&
    outer.to >= inner.to &&
    (outer.from < inner.from || outer.to > inner.to || outer.id < inner.id);
  const depthOf = (draft: Draft) =>
    draft.outer + 1 + (draft.kind === 'inline' ? inline.filter((other) => holds(other, draft)).length : 0);
  const depths = new Map(all.map((draft) => [draft.id, depthOf(draft)]));
  all.sort((a, b) => a.from - b.from || depths.get(a.id)! - depths.get(b.id)!);

  const members = new Map<string, Draft[]>();
  for (const draft of all) {
    const key = draft.group ?? draft.id;
    const list = members.get(key) ?? [];
    list.push(draft);
    members.set(key, list);
  }

  const spans: BracketSpan[] = all.map((draft) => {
    const key = draft.group ?? draft.id;
    const group = members.get(key)!;
    return {
      id: draft.id,
      group: draft.group,
      key,
      kind: draft.kind,
      blockType: draft.blockType,
      from: draft.from,
      to: draft.to,
      text: draft.text,
      depth: depths.get(draft.id)!,
      option: group.length > 1 ? group.indexOf(draft) + 1 : null,
      groupSize: group.length,
      location: draft.location,
    };
  });

  const perArticle = new Map<
    string,
    { key: string; label: string; brackets: number; options: number; groups: number }
  >();
  for (const span of spans) {
    const key = articleKey(span.location);
    const entry = perArticle.get(key) ?? {
      key,
      label: span.location.article,
      brackets: 0,
      options: 0,
      groups: 0,
    };
    entry.brackets += 1;
    if (span.option !== null) entry.options += 1;
    if (span.option === 1) entry.groups += 1;
    perArticle.set(key, entry);
  }
  const articles = [...perArticle.values()];
  const total = articles.reduce(
    (sum, entry) => ({
      brackets: sum.brackets + entry.brackets,
      options: sum.options + entry.options,
      groups: sum.groups + entry.groups,
    }),
    { brackets: 0, options: 0, groups: 0 },
  );
  return { spans, byId: new Map(spans.map((span) => [span.id, span])), perArticle: articles, total };
}
