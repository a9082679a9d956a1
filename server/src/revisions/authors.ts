import { type ChangeAuthor, delegationById } from '@travaux/shared';

/** The name a change's author goes by in exports: the delegation's UN name, or "Chair". */
export function authorName(author: ChangeAuthor | undefined): string {
  if (!author || author === 'CHAIR') return 'Chair';
  return delegationById(author)?.name ?? author;
}
