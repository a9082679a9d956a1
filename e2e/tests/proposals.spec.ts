import { expect, type Page, test } from '@playwright/test';
import {
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  treatyText,
} from '../support/drafting-room.ts';

// Issue 4 in the browser (SPEC PR rules): two delegations propose in one paragraph at once, a third supports
// one proposal, the chair accepts it and rejects the other; every browser ends with the same text and record.

const DRAFT = `Draft convention on proposals tests

Article 1
Scope
1. This Convention applies to cooperation
2. Nothing in this Convention affects sovereignty.
`;

function proposals(page: Page) {
  return page.getByRole('list', { name: 'Proposals' });
}

function proposalBy(page: Page, delegation: string) {
  return proposals(page)
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^${delegation}`) });
}

test.describe('tracked proposals', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('Russia and the United States propose at once, China supports Russia, the chair accepts it and rejects the other', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'delegate', delegation: 'USA' },
      { role: 'delegate', delegation: 'CHN' },
      { role: 'chair' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const usa = await joinAs(browser, negotiation.invitations[1]!, documentId, 'John Miller');
    const china = await joinAs(browser, negotiation.invitations[2]!, documentId, 'Li Wei');
    const chair = await joinAs(browser, negotiation.invitations[3]!, documentId, 'Maria Chair');
    people = [russia, usa, china, chair];

    const paragraphId = await editor(russia.page)
      .locator('.article .paragraph')
      .first()
      .getAttribute('data-id');
    await caretAtEndOfParagraph(russia.page, paragraphId!);
    await caretAtEndOfParagraph(usa.page, paragraphId!);
    await Promise.all([
      russia.page.keyboard.type(' in criminal matters', { delay: 30 }),
      usa.page.keyboard.type(' among States Parties', { delay: 30 }),
    ]);

    // Both proposals are in the text, marked, and listed everywhere with their delegation.
    for (const { page } of people) {
      await expect(proposalBy(page, 'Russian Federation')).toContainText('in criminal matters');
      await expect(proposalBy(page, 'United States of America')).toContainText('among States Parties');
      await expect(editor(page).locator('ins.proposal-insertion')).toHaveCount(2);
    }
    // PR9: both stand, shown as competing amendments of the paragraph.
    await expect(proposalBy(chair.page, 'Russian Federation')).toContainText(
      'Competes with United States of America',
    );
    await expect(proposalBy(chair.page, 'United States of America')).toContainText(
      'Competes with Russian Federation',
    );

    // China supports the Russian proposal with one action; everybody reads the attribution formula.
    await proposalBy(china.page, 'Russian Federation').getByRole('button', { name: 'Support' }).click();
    for (const { page } of people) {
      await expect(proposalBy(page, 'Russian Federation')).toContainText(
        'Russian Federation, supported by China',
      );
    }

    // The chair accepts the Russian proposal and rejects the American one.
    await proposalBy(chair.page, 'Russian Federation').getByRole('button', { name: 'Accept' }).click();
    await proposalBy(chair.page, 'United States of America').getByRole('button', { name: 'Reject' }).click();

    const expected = 'This Convention applies to cooperation in criminal matters';
    for (const { page } of people) {
      await expect(editor(page).locator('ins.proposal-insertion')).toHaveCount(0);
      await expect.poll(() => treatyText(page)).toContain(expected);
      expect(await treatyText(page)).not.toContain('among States Parties');
    }
    const texts = await Promise.all(people.map(({ page }) => treatyText(page)));
    expect(new Set(texts).size).toBe(1);

    // The record survives the decisions, also after a reload.
    for (const { page } of people) {
      await page.reload();
      await expect(page.getByRole('status')).toHaveText('Connected');
      await expect.poll(() => treatyText(page)).toBe(texts[0]);
      await page.getByLabel('Status', { exact: true }).selectOption('');
      await expect(proposalBy(page, 'Russian Federation')).toContainText('accepted');
      await expect(proposalBy(page, 'Russian Federation')).toContainText('supported by China');
      await expect(proposalBy(page, 'United States of America')).toContainText('rejected');
    }
  });
});
