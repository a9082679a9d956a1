import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { storeDamage } from '@travaux/server/src/test-support/damage.ts';
import { treatyFragment } from '@travaux/shared';
import * as Y from 'yjs';
import { expectNoAxeViolations, screenshotBothSizes } from '../support/axe.ts';
import { createDocument, createNegotiation, joinAs, signIn, treatyText } from '../support/drafting-room.ts';

// SPEC SH10: a document stored before the shape check holds a stray body in an article and an unknown element.
// The chair sees a notice with the count and the locations, repairs it with the keyboard, and every character
// is still in the text; delegates see no notice.

const DRAFT = `Draft convention on repairs

Article 1
Scope
1. This Convention applies to cooperation.
`;

/** Bad structure written straight into the e2e server's store, as a server before the check stored it. */
function damage(documentId: string): Promise<void> {
  const port = Number(process.env.TRAVAUX_E2E_PORT ?? 8791);
  return storeDamage(join(tmpdir(), `travaux-e2e-${port}`), documentId, (doc) => {
    const article = treatyFragment(doc)
      .createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'article')
      .next().value as Y.XmlElement;
    const body = new Y.XmlElement('body');
    body.insert(0, [new Y.XmlText('Stray words of an old client.')]);
    article.insert(article.length, [body, new Y.XmlElement('script')]);
  });
}

test('SH10: the chair sees the stored structure’s problems and repairs them from the keyboard, keeping the text', async ({
  browser,
  request,
}, testInfo) => {
  const negotiation = await createNegotiation(request, [
    { role: 'chair' },
    { role: 'delegate', delegation: 'USA' },
  ]);
  const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
  await damage(documentId);
  // The browser's editor cannot show such a document (y-prosemirror's conversion would drop what does not fit,
  // and the server refuses that change): the chair opens it, sees the notice and repairs it.
  const chair = await signIn(browser, negotiation.invitations[0]!, 'Chair Amina');
  await chair.page.goto(`/d/${documentId}`);
  const notice = chair.page.getByRole('region', { name: /stored structure has 2 problems/ });
  await expect(notice).toBeVisible();
  await notice.getByText('Show the 2 problems').click();
  await expect(notice.getByRole('listitem').first()).toContainText('article 1 “Scope”');
  await expectNoAxeViolations(chair.page);
  await screenshotBothSizes(chair.page, (name) => testInfo.outputPath(name), 'repair-notice');
  const repair = notice.getByRole('button', { name: 'Repair the structure' });
  await repair.focus();
  await chair.page.keyboard.press('Enter');
  await expect(
    chair.page.getByText('Repaired 2 problems; every character of the text was kept.'),
  ).toBeVisible();
  await expect(chair.page.getByRole('region', { name: /stored structure/ })).toHaveCount(0);
  // Repaired: every browser opens it, with every character, and delegates never see the notice.
  const delegate = await joinAs(browser, negotiation.invitations[1]!, documentId, 'John');
  await expect(delegate.page.getByRole('region', { name: /stored structure/ })).toHaveCount(0);
  expect(await treatyText(delegate.page)).toContain('Stray words of an old client.');
  expect(await treatyText(delegate.page)).toContain('This Convention applies to cooperation.');
  await chair.page.reload();
  await expect(chair.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(chair.page.getByRole('region', { name: /stored structure/ })).toHaveCount(0);
  await expectNoAxeViolations(chair.page);
  await chair.context.close();
  await delegate.context.close();
});
