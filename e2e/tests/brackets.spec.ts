import { expect, type Page, test } from '@playwright/test';
import {
  bracketTotal,
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  selectText,
  treatyText,
} from '../support/drafting-room.ts';

// Issue 5 in the browser (SPEC BR and SS rules): the Russian delegate brackets a phrase, Mexico adds an
// alternative, the counts rise; the chair picks Mexico's option, edits it, removes the brackets and marks the
// paragraph agreed ad ref; the counts fall, and every browser (an observer's too) shows the same.

const DRAFT = `Draft convention on brackets tests

Article 1
Human rights
1. Nothing in this Convention affects sovereignty.
2. States Parties shall respect human rights in implementing this Convention.
`;

const ALTERNATIVES = `Draft convention on alternatives

Article 1
Cooperation
1. States Parties shall cooperate [Option 1: fully] [Option 2: to the extent possible].
[2. Each State Party shall designate a central authority.]
[2 alt. Each State Party may designate one or more authorities.]
3. This Convention applies to cooperation in criminal matters. {open; package P1}
4. Nothing in this Convention affects sovereignty. {open; package P1}
`;

const AGREED =
  'States Parties shall respect human rights and basic freedoms in implementing this Convention.';

function tool(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name, exact: true });
}

function bracketRow(page: Page, text: string) {
  return page.locator('[data-bracket-row]').filter({ hasText: text });
}

test.describe('square brackets and paragraph status', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('BR2 BR5 BR6 BR7 BR8 SS3 SS6: Russia brackets, Mexico adds an option, the chair picks, amends and agrees it ad ref', async ({
    browser,
    request,
  }, testInfo) => {
    // Four browsers and a fifth page on two cores: more than the default 45 s budget.
    test.setTimeout(120_000);
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
    const expectCounts = async (text: string) => {
      for (const { page } of people) await expect(bracketTotal(page)).toHaveText(text);
    };
    await expectCounts('Brackets 0 · Options 0 in 0 groups');

    // BR2: the Russian delegate brackets a phrase (with the keyboard), with its delegation as owner.
    await selectText(russia.page, 'human rights');
    await expect(tool(russia.page, 'Bracket')).toBeEnabled();
    await russia.page.keyboard.press('Control+Alt+B');
    await expectCounts('Brackets 1 · Options 0 in 0 groups');
    for (const { page } of people) {
      await expect(editor(page).locator('.bracket-widget.bracket-open')).toHaveAttribute(
        'title',
        'Bracket of Russian Federation',
      );
    }

    // BR5: Mexico puts the caret in the bracket and adds an alternative; both are options of one group.
    await mexico.page.getByRole('button', { name: 'Next bracket' }).click();
    await expect(mexico.page.locator('.caret-bracket')).toHaveText('In Bracket of Russian Federation');
    await tool(mexico.page, 'Add alternative…').click();
    await mexico.page.getByLabel('Alternative wording').fill('human rights and fundamental freedoms');
    await mexico.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expectCounts('Brackets 2 · Options 2 in 1 group');
    for (const { page } of people) {
      await expect(editor(page).locator('.bracket-widget.bracket-open')).toHaveText([
        '[Option 1: ',
        '[Option 2: ',
      ]);
      await expect(page.getByRole('navigation', { name: 'Outline' })).toContainText(
        'Brackets 2 · Options 2 in 1 group',
      );
      await expect(bracketRow(page, 'Option 2 · Mexico')).toContainText(
        'human rights and fundamental freedoms',
      );
    }
    await chair.page.screenshot({ path: testInfo.outputPath('room-with-options.png'), fullPage: true });
    await editor(russia.page)
      .locator('.article .paragraph')
      .nth(1)
      .screenshot({ path: testInfo.outputPath('paragraph-with-options.png') });

    // The reading views of the same live text, as an observer reads them.
    const views = await observer.context.newPage();
    await views.goto(`/d/${documentId}/view?mode=clean`);
    await expect(views.getByRole('article', { name: 'Clean text' })).toContainText(
      'States Parties shall respect …',
    );
    await views.screenshot({ path: testInfo.outputPath('clean-view.png'), fullPage: true });
    await views.getByRole('link', { name: 'Bracketed view (print)' }).click();
    await expect(views.getByRole('region', { name: 'Bracketed text' })).toContainText(
      '2. States Parties shall respect [Option 1 (Russian Federation): human rights] [Option 2 (Mexico): human rights and fundamental freedoms] in implementing this Convention.',
    );
    await views.screenshot({ path: testInfo.outputPath('bracketed-view.png'), fullPage: true });
    await views.close();

    // BR6: the chair picks Mexico's option, amends it in place, then removes the brackets.
    await bracketRow(chair.page, 'Option 2 · Mexico')
      .getByRole('button', { name: 'Pick this option' })
      .click();
    await expectCounts('Brackets 1 · Options 0 in 0 groups');
    await selectText(chair.page, 'fundamental');
    await chair.page.keyboard.type('basic');
    await expect.poll(() => treatyText(chair.page)).toContain('human rights and basic freedoms');
    await bracketRow(chair.page, 'Bracket · Mexico')
      .getByRole('button', { name: 'Agree (remove brackets)' })
      .click();
    await expectCounts('Brackets 0 · Options 0 in 0 groups');

    // BR7: the history keeps where the agreed text came from.
    for (const { page } of people) {
      await expect(page.locator('.bracket-history')).toContainText(
        'derived from Option 2 (Mexico), as amended by the chair',
      );
      await expect.poll(() => treatyText(page)).toContain(AGREED);
      await expect(editor(page).locator('.bracket-widget')).toHaveCount(0);
    }

    // SS2, SS6: the chair marks the paragraph agreed ad ref; every browser shows it, written out.
    const paragraphId = await editor(chair.page)
      .locator('.article .paragraph')
      .nth(1)
      .getAttribute('data-id');
    await caretAtEndOfParagraph(chair.page, paragraphId!);
    await chair.page.getByLabel('Set the paragraph to').selectOption({ label: 'Agreed ad ref' });
    await chair.page.getByRole('button', { name: 'Apply status' }).click();
    for (const { page } of people) {
      await expect(editor(page).locator(`[data-id="${paragraphId}"] .status-label`)).toHaveText(
        'Agreed ad ref',
      );
      await expect(editor(page).locator(`[data-id="${paragraphId}"]`)).toHaveClass(/status-adref/);
      await expect(page.getByRole('navigation', { name: 'Outline' })).toContainText(
        '1 of 2 paragraphs agreed (1 ad ref)',
      );
    }

    // SS3: a delegate typing into the agreed paragraph changes nothing, and is told why.
    const before = await treatyText(russia.page);
    await caretAtEndOfParagraph(russia.page, paragraphId!);
    await russia.page.keyboard.type(' and more', { delay: 20 });
    await russia.page.keyboard.press('Backspace');
    await expect(russia.page.getByText('This paragraph is agreed ad ref')).toBeVisible();
    expect(await treatyText(russia.page)).toBe(before);

    // Every browser ends with the same text.
    for (const { page } of people) await expect.poll(() => treatyText(page)).toBe(before);
    await chair.page.screenshot({ path: testInfo.outputPath('room-agreed.png'), fullPage: true });
  });

  test('TX12 TX13 BR2: a delegate pastes options from a word processor; they arrive as structure in every browser, and it gives a reason', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'MEX' },
      { role: 'chair' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const mexico = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Lucía Gómez');
    const chair = await joinAs(browser, negotiation.invitations[1]!, documentId, 'Maria Chair');
    people = [mexico, chair];
    const paragraphId = await editor(mexico.page)
      .locator('.article .paragraph')
      .first()
      .getAttribute('data-id');
    await caretAtEndOfParagraph(mexico.page, paragraphId!);
    await mexico.page.keyboard.press('ArrowLeft');
    await paste(mexico.page, ' [Option 1: of States] [Option 2: of States Parties]');
    for (const { page } of people) {
      await expect(bracketTotal(page)).toHaveText('Brackets 2 · Options 2 in 1 group');
      await expect.poll(() => treatyText(page)).toContain('affects sovereignty of States of States Parties.');
    }
    // BR2: the owner gives its bracket a reason; everyone reads it in the Brackets panel.
    const option = mexico.page.locator('[data-bracket-row]').filter({ hasText: 'Option 2' });
    await option.getByText('Give a reason').click();
    await option.getByLabel('Reason for this bracket').fill('Parties, not States, are bound');
    await option.getByRole('button', { name: 'Save reason' }).click();
    await expect(chair.page.locator('[data-bracket-row]').filter({ hasText: 'Option 2' })).toContainText(
      'Reason: Parties, not States, are bound',
    );

    // A notation that does not balance is not pasted, and the person is told where.
    const before = await treatyText(mexico.page);
    await paste(mexico.page, ' [unbalanced');
    await expect(mexico.page.getByText(/not well formed at character 2/)).toBeVisible();
    expect(await treatyText(mexico.page)).toBe(before);
  });

  test('BR2 BR4 BR5 BR6 NU8 SS5: a paragraph and its alt, an article bracket lifted by its owner, options merged, an alt dropped, a package agreed together', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'USA' },
      { role: 'chair' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, ALTERNATIVES);
    const usa = await joinAs(browser, negotiation.invitations[0]!, documentId, 'John Miller');
    const chair = await joinAs(browser, negotiation.invitations[1]!, documentId, 'Maria Chair');
    people = [usa, chair];
    const expectCounts = async (text: string) => {
      for (const { page } of people) await expect(bracketTotal(page)).toHaveText(text);
    };
    // TX13–TX15, NU8: the imported notation is structure: an inline group, a paragraph and its "2 alt".
    await expectCounts('Brackets 4 · Options 4 in 2 groups');
    for (const { page } of people) await expect(editor(page).locator('[data-number="2 alt"]')).toHaveCount(1);

    // BR2, BR4: the United States brackets the whole article, then lifts its own bracket.
    await caretAtEndOfParagraph(usa.page, await paragraphId(usa.page, 0));
    await usa.page.keyboard.press('Control+Alt+Shift+B');
    await expectCounts('Brackets 5 · Options 4 in 2 groups');
    await bracketRow(usa.page, 'article bracket').getByRole('button', { name: 'Lift my bracket' }).click();
    await expectCounts('Brackets 4 · Options 4 in 2 groups');
    await expect(chair.page.locator('.bracket-history')).toContainText('lifted by its owner');

    // BR6, BR7: the chair merges the two options into its own wording.
    await bracketRow(chair.page, 'fully').getByRole('button', { name: 'Merge options…' }).click();
    await chair.page.getByLabel('Compromise wording').fill('as far as possible');
    await chair.page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expectCounts('Brackets 3 · Options 2 in 1 group');
    await expect(chair.page.locator('.bracket-history')).toContainText('merged into compromise wording');
    await expect(bracketRow(usa.page, 'as far as possible')).toContainText(
      'merged from Options 1 (the Chair) and 2 (the Chair)',
    );
    for (const { page } of people)
      await expect.poll(() => treatyText(page)).toContain('shall cooperate as far as possible.');

    // BR6: the chair drops the paragraph's alt; the paragraph keeps its number and its bracket.
    await bracketRow(chair.page, 'may designate').getByRole('button', { name: /^Drop/ }).click();
    await expectCounts('Brackets 2 · Options 0 in 0 groups');
    for (const { page } of people) await expect(editor(page).locator('[data-number="2 alt"]')).toHaveCount(0);

    // SS5: paragraphs 3 and 4 are one package: agreeing one agrees both, in every browser.
    await caretAtEndOfParagraph(chair.page, await paragraphId(chair.page, 2));
    await chair.page.getByLabel('Set the paragraph to').selectOption({ label: 'Agreed ad ref' });
    await chair.page.getByRole('button', { name: 'Apply status' }).click();
    for (const { page } of people) {
      for (const n of [2, 3]) {
        const id = await paragraphId(page, n);
        await expect(editor(page).locator(`[data-id="${id}"] .status-label`)).toHaveText(
          'Agreed ad ref · package P1',
        );
      }
    }
  });
});

/** The stable id of the n-th (0-based) paragraph of the first article. */
async function paragraphId(page: Page, n: number): Promise<string> {
  const id = await editor(page).locator('.article .paragraph').nth(n).getAttribute('data-id');
  if (!id) throw new Error(`no paragraph ${n}`);
  return id;
}

/** Pastes `text` into the editor as a word processor's clipboard would (a real paste event with its data). */
async function paste(page: Page, text: string): Promise<void> {
  await editor(page).evaluate((root, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
