import type { Node } from 'prosemirror-model';
import { treatySchema } from './schema.ts';

/** A treaty with `title` as its title, an empty preamble and no articles (ST1). */
export function emptyTreaty(title = ''): Node {
  const { nodes } = treatySchema;
  return nodes.doc.create(null, [
    nodes.title.create(null, title ? treatySchema.text(title) : null),
    nodes.preamble.create(),
  ]);
}
