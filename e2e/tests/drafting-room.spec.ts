import { expect, test } from '@playwright/test';
import {
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  signIn,
  treatyText,
} from '../support/drafting-room.ts';

const DRAFT = `Draft convention on cooperation in drafting tests

Article 1
Scope of application
1. This Convention shall apply to the prevention and investigation of the offences it establishes.
2. Nothing in this Convention shall affect the rights of States Parties under international law.
`;

/** The stable id of the first paragraph of Article 1, read from the DOM (ids are derived server-side). */
async function firstParagraphId(delegate: Person): Promise<string> {
  const id = await editor(delegate.page).locator('.article .paragraph').first().getAttribute('data-id');
  expect(id).toBeTruthy();
  return id!;
}

test.describe('the drafting room', () => {
  let delegates: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(delegates.map((d) => d.context.close()));
    delegates = [];
  });

  test('two delegations type into the same article at once, converge, see each other and survive a reload', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'delegate', delegation: 'USA' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const usa = await joinAs(browser, negotiation.invitations[1]!, documentId, 'John Miller');
    delegates = [russia, usa];

    // Both see both people in the room, named with their delegation.
    for (const { page } of delegates) {
      const room = page.getByRole('list', { name: 'People in the room' });
      await expect(room).toContainText('Anna Petrova');
      await expect(room).toContainText('Russian Federation');
      await expect(room).toContainText('John Miller');
      await expect(room).toContainText('United States of America');
    }

    const paragraphId = await firstParagraphId(russia);
    await caretAtEndOfParagraph(russia.page, paragraphId);
    await caretAtEndOfParagraph(usa.page, paragraphId);

    // Type at the same time, key by key, into the same paragraph.
    await Promise.all([
      russia.page.keyboard.type(' in accordance with domestic law', { delay: 25 }),
      usa.page.keyboard.type(' and international human rights law', { delay: 25 }),
    ]);

    // Both end with the same text, holding both insertions.
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([treatyText(russia.page), treatyText(usa.page)]);
        return (
          a === b &&
          a.includes('in accordance with domestic law') &&
          a.includes('and international human rights law')
        );
      })
      .toBe(true);

    // Each sees the other's named caret.
    await expect(editor(russia.page).locator('.ProseMirror-yjs-cursor')).toContainText('John Miller');
    await expect(editor(usa.page).locator('.ProseMirror-yjs-cursor')).toContainText('Anna Petrova');

    // The paragraph keeps its derived number and the article its heading.
    await expect(editor(usa.page).locator(`[data-id="${paragraphId}"]`)).toHaveAttribute('data-number', '1.');

    // A reload shows the saved text.
    const before = await treatyText(usa.page);
    await usa.page.reload();
    await expect(usa.page.getByRole('status')).toHaveText('Connected');
    await expect.poll(() => treatyText(usa.page)).toBe(before);
  });

  test('the chair’s documents page lists, creates and refuses a malformed draft with line and column', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [{ role: 'chair' }]);
    const chair = await signIn(browser, negotiation.invitations[0]!, 'Li Wei');
    delegates = [chair];
    const { page } = chair;

    await page.getByLabel('Title').fill('Draft protocol on data requests');
    await page.getByLabel('Plain-text draft (optional)').fill('Draft protocol\n\nArticle 2\nScope\n');
    await page.getByRole('button', { name: 'Create document' }).click();
    await expect(page.getByText(/Line 3, column 9/)).toBeVisible();
    await expect(page.getByLabel('Plain-text draft (optional)')).toHaveValue(
      'Draft protocol\n\nArticle 2\nScope\n',
    );

    await page
      .getByLabel('Plain-text draft (optional)')
      .fill('Draft protocol\n\nArticle 1\nScope\nThis Protocol applies.\n');
    await page.getByRole('button', { name: 'Create document' }).click();
    await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await expect(editor(page)).toContainText('This Protocol applies.');
    await expect(page.getByRole('navigation', { name: 'Outline' })).toContainText('Article 1');
  });
});
