import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  signIn,
} from '../support/drafting-room.ts';

// Issue 6 in the browser (SPEC RV rules): an observer compares Rev.1 with Rev.2, sees each change under the
// delegation that proposed it, downloads the Word file and can edit nothing.

const DRAFT = `Draft convention on revision tests

Article 1
Scope
1. This Convention applies to cooperation
2. Nothing affects sovereignty.
`;

test.describe('revisions', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('an observer opens Rev.1 against Rev.2, sees the changes by delegation and downloads the Word file', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'delegate', delegation: 'USA' },
      { role: 'chair' },
      { role: 'observer' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const issue = async (symbol: string) => {
      const response = await request.post(`/api/documents/${documentId}/revisions`, {
        headers: { authorization: `Bearer ${negotiation.chairSession}` },
        data: { symbol, title: 'Draft convention', date: '2026-11-23', language: 'en' },
      });
      expect(response.status()).toBe(201);
    };
    await issue('A/AC.1/L.2');

    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const usa = await joinAs(browser, negotiation.invitations[1]!, documentId, 'John Miller');
    const chair = await joinAs(browser, negotiation.invitations[2]!, documentId, 'Maria Chair');
    people = [russia, usa, chair];
    const first = await editor(russia.page).locator('.article .paragraph').nth(0).getAttribute('data-id');
    const second = await editor(usa.page).locator('.article .paragraph').nth(1).getAttribute('data-id');
    await caretAtEndOfParagraph(russia.page, first!);
    await russia.page.keyboard.type(' in criminal matters', { delay: 20 });
    await usa.page.locator(`[data-id="${second}"] > .body`).click();
    await usa.page.keyboard.press('Home');
    for (let i = 0; i < 'Nothing'.length; i++) await usa.page.keyboard.press('Delete');
    await expect(editor(usa.page).locator('del')).toHaveText('Nothing');
    await expect(chair.page.getByRole('list', { name: 'Proposals' }).getByRole('listitem')).toHaveCount(2);
    await chair.page.getByRole('button', { name: /Accept all shown/ }).click();
    await expect(editor(chair.page).locator('ins, del')).toHaveCount(0);
    await expect
      .poll(async () => {
        const text = await request.get(`/api/documents/${documentId}/text`, {
          headers: { authorization: `Bearer ${negotiation.chairSession}` },
        });
        return (await text.text()).includes('in criminal matters');
      })
      .toBe(true);
    await issue('A/AC.1/L.2/Rev.1');

    const observer = await signIn(browser, negotiation.invitations[3]!, 'Olga Observer');
    people.push(observer);
    const { page } = observer;
    await page.goto(`/d/${documentId}/revisions`);
    await page.getByLabel('From').selectOption({ label: 'A/AC.1/L.2 (2026-11-23)' });
    await page.getByLabel('To').selectOption({ label: 'A/AC.1/L.2/Rev.1 (2026-11-23)' });
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(new RegExp(`/d/${documentId}/diff\\?from=.+&to=.+`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'A/AC.1/L.2 (2026-11-23) → A/AC.1/L.2/Rev.1 (2026-11-23)',
    );

    // Grouped by delegation: exactly one insertion by Russia, one deletion by the United States.
    const byAuthor = page.locator('.diff-by-author > li');
    await expect(byAuthor).toHaveCount(2);
    const russian = byAuthor.filter({ hasText: 'Russian Federation' });
    await expect(russian.locator('ins')).toHaveCount(1);
    await expect(russian.locator('ins')).toHaveText(/^(\[Inserted by [^:]+: )?\s*in criminal matters\s*\]?$/);
    await expect(russian.locator('del')).toHaveCount(0);
    const american = byAuthor.filter({ hasText: 'United States of America' });
    await expect(american.locator('del')).toHaveCount(1);
    await expect(american.locator('del')).toHaveText(/^(\[Deleted by [^:]+: )?Nothing\s*\]?$/);
    await expect(american.locator('ins')).toHaveCount(0);
    await expect(page.locator('.diff-summary')).toContainText('3 words added, 1 removed');

    // The Word file downloads.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Word file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    // Nothing is editable for the observer, on the diff, in a revision or in the room.
    await expect(page.locator('[contenteditable="true"]')).toHaveCount(0);
    await page.goto(`/d/${documentId}/revisions`);
    await page
      .locator('tr', { hasText: 'A/AC.1/L.2' })
      .filter({ hasNotText: 'Rev.1' })
      .getByRole('link', { name: 'Open', exact: true })
      .click();
    const revision = page.getByRole('textbox', { name: 'Text of the revision' });
    await expect(revision).toContainText('Nothing affects sovereignty.');
    await expect(revision).toHaveAttribute('contenteditable', 'false');
    await page.goto(`/d/${documentId}`);
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
  });
});
