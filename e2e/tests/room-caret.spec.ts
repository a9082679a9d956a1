import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, screenshotBothSizes } from '../support/axe.ts';
import {
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  selectText,
  treatyText,
} from '../support/drafting-room.ts';

// Issue 20, refusals where one types and focus: every refusal is said at the caret (inline, announced), for the
// chair too; the editor has focus on opening, the skip link reaches it, Tab leaves it.

const DRAFT = `Draft convention on refusals at the caret

Article 1
Scope
1. This Convention applies to cooperation in criminal matters. {ad ref}
2. States Parties shall cooperate [Option 1: fully] [Option 2: to the extent possible].
3. Nothing in this Convention affects sovereignty.
`;

function notice(page: Page) {
  return page.getByTestId('caret-notice');
}

async function paragraphId(page: Page, index: number): Promise<string> {
  const id = await editor(page).locator('.article .paragraph').nth(index).getAttribute('data-id');
  expect(id).toBeTruthy();
  return id!;
}

/** The notice sits just under the paragraph one typed in, not somewhere else on the page. */
async function expectNoticeBy(page: Page, id: string, text: string | RegExp): Promise<void> {
  await expect(notice(page)).toContainText(text);
  await expect(notice(page)).toBeVisible();
  await expect(notice(page)).toHaveAttribute('role', 'alert');
  const paragraph = await editor(page).locator(`[data-id="${id}"] > .body`).first().boundingBox();
  const box = await notice(page).boundingBox();
  expect(paragraph && box).toBeTruthy();
  // Its top lies within the paragraph's last line or just below it.
  expect(box!.y).toBeGreaterThan(paragraph!.y);
  expect(box!.y).toBeLessThan(paragraph!.y + paragraph!.height + 40);
}

test.describe('refusals at the caret and focus in the room', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('SS3 PR2 PR3 BR3 AC8: each refusal kind is said by the paragraph, for delegates, the chair and observers', async ({
    browser,
    request,
  }, testInfo) => {
    // Four browsers on two shared cores.
    test.setTimeout(240_000);
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'delegate', delegation: 'MEX' },
      { role: 'chair' },
      { role: 'observer' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const mexico = await joinAs(browser, negotiation.invitations[1]!, documentId, 'Lucía Gómez');
    const chair = await joinAs(browser, negotiation.invitations[2]!, documentId, 'Maria Chair');
    const observer = await joinAs(browser, negotiation.invitations[3]!, documentId, 'Olga Observer');
    people = [russia, mexico, chair, observer];
    const agreed = await paragraphId(russia.page, 0);
    const withOptions = await paragraphId(russia.page, 1);
    const plain = await paragraphId(russia.page, 2);
    const before = await treatyText(russia.page);

    // SS3, a delegate: typing into the agreed paragraph changes nothing and is said right there.
    await caretAtEndOfParagraph(russia.page, agreed);
    await russia.page.keyboard.type('x');
    await expectNoticeBy(russia.page, agreed, 'This paragraph is agreed ad ref');
    await expectNoAxeViolations(russia.page);
    await screenshotBothSizes(russia.page, testInfo.outputPath.bind(testInfo), 'refusal-at-caret');

    // SS3, the chair: refused too, and told so at the caret.
    await caretAtEndOfParagraph(chair.page, agreed);
    await chair.page.keyboard.type('y');
    await expectNoticeBy(chair.page, agreed, 'This paragraph is agreed ad ref');

    // BR3, BR5: Backspace at the start of an option stops there instead of proposing to delete the text before.
    await selectText(russia.page, 'to the extent');
    await russia.page.keyboard.press('ArrowLeft');
    await russia.page.keyboard.press('Backspace');
    await expectNoticeBy(russia.page, withOptions, 'Deleting stops at the edge of Option 2');

    // PR2: a proposal does not join paragraphs.
    await editor(russia.page).locator(`[data-id="${plain}"] > .body`).first().click();
    await russia.page.keyboard.press('Home');
    await russia.page.keyboard.press('Backspace');
    await expectNoticeBy(russia.page, plain, 'A proposal does not join paragraphs');
    expect(await treatyText(russia.page)).toBe(before);

    // PR3: Mexico proposes words; Russia's Backspace over them is refused with Mexico named.
    await caretAtEndOfParagraph(mexico.page, plain);
    await mexico.page.keyboard.type(' or jurisdiction', { delay: 20 });
    await expect.poll(() => treatyText(russia.page)).toContain('sovereignty. or jurisdiction');
    await caretAtEndOfParagraph(russia.page, plain);
    await russia.page.keyboard.press('Backspace');
    await expectNoticeBy(russia.page, plain, 'This text is a proposal of Mexico');
    // A successful edit of one's own clears the notice.
    await russia.page.keyboard.type(' and integrity', { delay: 20 });
    await expect(notice(russia.page)).toHaveCount(0);
    await expect.poll(() => treatyText(mexico.page)).toContain('jurisdiction and integrity');

    // AC8: an observer's keys are answered at the caret, and nothing is sent.
    await editor(observer.page).locator(`[data-id="${plain}"] > .body`).first().click();
    await observer.page.keyboard.type('z');
    await expectNoticeBy(observer.page, plain, 'You follow this text as a reader');
    await expectNoAxeViolations(observer.page);
    await expectNoAxeViolations(chair.page);
    for (const { page } of people)
      await expect.poll(() => treatyText(page)).toContain('sovereignty. or jurisdiction and integrity');
  });

  test('the editor has focus on opening; the skip link reaches it in one Tab; Tab leaves it; Alt+Shift+→ demotes; leaving logs no error', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [{ role: 'chair' }]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const chair = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Maria Chair');
    people = [chair];
    const { page } = chair;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    // Opening the document focuses its text.
    await expect(editor(page)).toBeFocused();

    // From the top of the room: the first Tab stop is the skip link, which puts focus in the text (at most 3).
    // A click on the header's empty corner puts the start of the Tab order at the top of the page.
    await page.locator('header.app-header').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(editor(page)).toBeFocused();

    // Tab leaves the editor and changes nothing.
    const before = await treatyText(page);
    await caretAtEndOfParagraph(page, await paragraphId(page, 2));
    await page.keyboard.press('Tab');
    await expect(editor(page)).not.toBeFocused();
    expect(await treatyText(page)).toBe(before);

    // Demotion is on Alt+Shift+→: paragraph 3 becomes subparagraph (a) of paragraph 2, and back.
    const third = await paragraphId(page, 2);
    await caretAtEndOfParagraph(page, third);
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await expect(editor(page).locator(`.subparagraph[data-id="${third}"]`)).toHaveCount(1);
    await page.keyboard.press('Alt+Shift+ArrowLeft');
    await expect(editor(page).locator(`.paragraph[data-id="${third}"]`)).toHaveCount(1);

    // Leaving the room (with remote presence still arriving) logs nothing.
    await page.getByRole('link', { name: 'Travaux' }).click();
    await expect(page.getByRole('heading', { name: 'Negotiation documents' })).toBeVisible();
    await page.waitForTimeout(1000);
    expect(errors).toEqual([]);
  });
});
