import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { createDocument, createNegotiation, editor, joinAs, type Person } from '../support/drafting-room.ts';

// ST5, NU7, NU9 (issue 18): a text with parts, chapters, sections, titles and a typed "bis" article.
const TEXT = `Convention on structure

Part I
Substantive law

Chapter I
Measures

Section 1
Offences

Title 1
Confidentiality

Article 1
Illegal access
Each Party shall make illegal access an offence.

Article 1bis
Illegal interception
Each Party shall make illegal interception an offence.

Title 2
Computer-related offences

Article 2
Forgery
Each Party shall make forgery an offence.
`;

test.describe('structure above articles', () => {
  let people: Person[] = [];
  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('NU7: the outline shows every level nested, the editor numbers them, and the page has no axe violation', async ({
    browser,
    request,
  }, testInfo) => {
    const negotiation = await createNegotiation(request, [{ role: 'delegate', delegation: 'RUS' }]);
    const documentId = await createDocument(request, negotiation.chairSession, TEXT);
    const delegate = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    people = [delegate];
    const { page } = delegate;
    const outline = page.getByRole('navigation', { name: 'Outline' });
    const labels = [
      'Part I — Substantive law',
      'Chapter I — Measures',
      'Section 1 — Offences',
      'Title 1 — Confidentiality',
      'Article 1 — Illegal access',
      'Article 1bis — Illegal interception',
      'Title 2 — Computer-related offences',
      'Article 2 — Forgery',
    ];
    await expect(outline.getByRole('button')).toHaveText(labels);
    // Deeper levels are indented further.
    const indent = (name: string) =>
      outline.getByRole('button', { name }).evaluate((el) => el.getBoundingClientRect().left);
    expect(await indent('Chapter I — Measures')).toBeGreaterThan(await indent('Part I — Substantive law'));
    expect(await indent('Article 2 — Forgery')).toBeGreaterThan(
      await indent('Title 2 — Computer-related offences'),
    );
    await expect(editor(page).locator('.division[data-level="title"]')).toHaveCount(2);
    await expect(editor(page).locator('.division[data-number="Title 2"]')).toHaveCount(1);
    await expect(editor(page).locator('.article[data-number="Article 1bis"]')).toHaveCount(1);
    // The keyboard reaches a division's heading from the outline.
    await outline.getByRole('button', { name: 'Title 2 — Computer-related offences' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(
          () => window.getSelection()?.anchorNode?.parentElement?.closest('.division-heading')?.textContent,
        ),
      )
      .toBe('Computer-related offences');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('structure-outline.png'), fullPage: false });
  });
});
