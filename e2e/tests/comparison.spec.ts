import { expect, type Page, test } from '@playwright/test';
import { readDocx } from '../../server/src/test-support/docx-reader.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import {
  bracketTotal,
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  selectText,
  signIn,
} from '../support/drafting-room.ts';

// Issue 17 in the browser (SPEC RD, RV10–RV14): Rev.1; the chair rewrites PP2; Russia's new paragraph is
// accepted; the chair picks Mexico's option; Article 4's brackets stay open; Rev.2. The comparison of Rev.1 with
// Rev.2 shows each change under whoever made it, inline, side by side, in print and in the Word file.

const DRAFT = `Draft convention on comparisons

Preamble
PP1. Recalling the Charter of the United Nations,
PP2. Bearing in mind the need to cooperate,

Article 1
Scope
1. States Parties shall cooperate.
2. Nothing in this Convention affects sovereignty.

Article 2
Human rights
States Parties shall respect human rights in implementing this Convention.

Article 3
Use of terms
For the purposes of this Convention, terms have their usual meaning.

Article 4
Assistance
[Parties] may [provide for] assistance.
`;

function tool(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name, exact: true });
}

test.describe('comparison of two revisions (issue 17)', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('RV10 RV11 RV13 RV14: the Chair’s PP2, Russia’s paragraph, the pick of Mexico’s option and Article 4’s brackets, in every output', async ({
    browser,
    request,
  }, testInfo) => {
    test.setTimeout(150_000);
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'delegate', delegation: 'MEX' },
      { role: 'chair' },
      { role: 'observer' },
    ]);
    const auth = { authorization: `Bearer ${negotiation.chairSession}` };
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const issue = async (symbol: string, date: string) => {
      const response = await request.post(`/api/documents/${documentId}/revisions`, {
        headers: auth,
        data: { symbol, title: 'Draft convention on comparisons', date, language: 'en' },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { revision: { id: string } }).revision.id;
    };
    const stored = (needle: string) =>
      expect
        .poll(async () =>
          (await (await request.get(`/api/documents/${documentId}/text`, { headers: auth })).text()).includes(
            needle,
          ),
        )
        .toBe(true);

    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const mexico = await joinAs(browser, negotiation.invitations[1]!, documentId, 'Lucía Gómez');
    const chair = await joinAs(browser, negotiation.invitations[2]!, documentId, 'Maria Chair');
    people = [russia, mexico, chair];

    // Before Rev.1: Russia brackets "human rights", Mexico adds an alternative (BR2, BR5).
    await selectText(russia.page, 'human rights');
    await russia.page.keyboard.press('Control+Alt+B');
    await expect(bracketTotal(chair.page)).toHaveText('Brackets 3 · Options 0 in 0 groups');
    await mexico.page.getByRole('button', { name: 'Next bracket' }).click();
    await expect(mexico.page.locator('.caret-bracket')).toHaveText('In Bracket of Russian Federation');
    await tool(mexico.page, 'Add alternative…').click();
    await mexico.page.getByLabel('Alternative wording').fill('human rights and fundamental freedoms');
    await mexico.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(bracketTotal(chair.page)).toHaveText('Brackets 4 · Options 2 in 1 group');
    await stored('fundamental freedoms');
    const rev1 = await issue('A/AC.291/22/Rev.1', '2026-11-20');

    // The chair rewrites PP2 directly (PR6).
    await selectText(chair.page, 'Bearing in mind');
    await chair.page.keyboard.type('Recalling', { delay: 20 });
    // PR14: the chair's edit is marked in the live text in the Chair's style, for the delegates too, and listed.
    for (const who of [chair, russia]) {
      await expect(editor(who.page).locator('.chair-edit.inserted')).toHaveText('Recalling');
      await expect(editor(who.page).locator('del.chair-edit')).toHaveText('Bearing in mind');
    }
    const chairEdits = chair.page.getByRole('region', { name: "Chair's edits" }).getByRole('listitem');
    await expect(chairEdits).toHaveCount(1);
    await expect(chairEdits).toContainText('“Bearing in mind” → “Recalling”');
    await expect(russia.page.getByRole('region', { name: "Chair's edits" })).toContainText('“Recalling”');
    await expect(russia.page.getByRole('region', { name: "Chair's edits" }).getByRole('button')).toHaveCount(
      0,
    );
    await chair.page.screenshot({ path: testInfo.outputPath('chair-edit-marked.png'), fullPage: true });
    await chair.page
      .getByRole('region', { name: "Chair's edits" })
      .screenshot({ path: testInfo.outputPath('chair-edit-list.png') });
    await expectNoAxeViolations(chair.page);
    // Undone once: the text reads as before, nothing marked; redone: the edit and its mark are back.
    await chairEdits.getByRole('button', { name: /^Undo the Chair's edit/ }).click();
    await expect(editor(russia.page)).toContainText('Bearing in mind the need');
    await expect(editor(chair.page).locator('.chair-edit')).toHaveCount(0);
    await expect(chairEdits).toContainText('(undone)');
    await chair.page.screenshot({ path: testInfo.outputPath('chair-edit-undone.png'), fullPage: true });
    await chairEdits.getByRole('button', { name: /^Redo the Chair's edit/ }).click();
    await expect(editor(russia.page)).toContainText('Recalling the need');
    await expect(editor(chair.page).locator('.chair-edit.inserted')).toHaveText('Recalling');
    await expect(chairEdits).toHaveCount(1);
    // A mechanical fix with marking off: recorded and listed, not marked in the text.
    await chair.page.getByRole('button', { name: 'Mark my edits' }).click();
    await expect(chair.page.getByRole('button', { name: 'Mark my edits' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await selectText(chair.page, 'usual');
    await chair.page.keyboard.type('ordinary', { delay: 20 });
    await expect(chairEdits).toHaveCount(2);
    await expect(chairEdits.first()).toContainText('“usual” → “ordinary” (mechanical fix, not marked)');
    await expect(editor(russia.page)).toContainText('ordinary');
    await expect(editor(russia.page)).not.toContainText('usual');
    await expect(editor(russia.page).locator('.chair-edit', { hasText: 'ordinary' })).toHaveCount(0);
    await expect(editor(russia.page).locator('.chair-edit.inserted')).toHaveText('Recalling');
    await chair.page.getByRole('button', { name: 'Mark my edits' }).click();
    // Russia proposes a new paragraph after paragraph 2 of Article 1; the chair accepts it.
    const second = await editor(russia.page).locator('.article .paragraph').nth(1).getAttribute('data-id');
    await caretAtEndOfParagraph(russia.page, second!);
    await russia.page.keyboard.press('Enter');
    await russia.page.keyboard.type('Each Party shall cooperate in good faith.', { delay: 15 });
    const proposals = chair.page.getByRole('list', { name: 'Proposals' }).getByRole('listitem');
    const russian = proposals.filter({ hasText: 'Russian Federation' });
    await expect(russian).toContainText('Each Party shall cooperate in good faith.');
    await russian.getByRole('button', { name: 'Accept', exact: true }).click();
    // The chair picks Mexico's option (BR6).
    await chair.page
      .locator('[data-bracket-row]')
      .filter({ hasText: 'Option 2 · Mexico' })
      .getByRole('button', { name: 'Pick this option' })
      .click();
    await expect(bracketTotal(chair.page)).toHaveText('Brackets 3 · Options 0 in 0 groups');
    await stored('Recalling the need');
    await stored('good faith');
    const rev2 = await issue('A/AC.291/22/Rev.2', '2026-11-22');

    // An observer compares Rev.1 with Rev.2.
    const observer = await signIn(browser, negotiation.invitations[3]!, 'Olga Observer');
    people.push(observer);
    const { page } = observer;
    await page.setViewportSize({ width: 1200, height: 1400 });
    await page.goto(`/d/${documentId}/diff?from=${rev1}&to=${rev2}`);
    const blocks = page.getByRole('list', { name: 'Changed paragraphs' }).locator('> li');
    const pp2 = blocks.filter({ hasText: 'Preamble, PP2' });
    await expect(pp2.locator('del[data-author="CHAIR"]')).toContainText('Bearing in mind');
    await expect(pp2.locator('ins[data-author="CHAIR"]')).toContainText('Recalling');
    // The mechanical fix is the Chair's in the comparison too.
    await expect(
      blocks.filter({ hasText: 'Article 3, sole paragraph' }).locator('ins[data-author="CHAIR"]'),
    ).toContainText('ordinary');
    const added = blocks.filter({ hasText: 'Article 1, paragraph 3' });
    await expect(added.locator('ins[data-author="RUS"]')).toContainText(
      'Each Party shall cooperate in good faith.',
    );
    await expect(added.locator('ins[data-author="CHAIR"]')).toHaveCount(0);
    const picked = blocks.filter({ hasText: 'Article 2, sole paragraph' });
    await expect(picked.locator('.diff-decision')).toHaveText("The Chair's choice of Option 2 (Mexico).");
    // Option 1 goes with its label and brackets, under the chair's decision; Option 2's words stay.
    await expect(picked.locator('del').first()).toContainText('[Option 1: ');
    await expect(picked.locator('del[data-author="CHAIR"]')).toHaveCount(4);
    await expect(picked).toContainText(
      'human rights and fundamental freedoms] in implementing this Convention.',
    );
    await page.getByLabel('Show unchanged paragraphs').check();
    await expect(blocks.filter({ hasText: 'Article 4, sole paragraph' })).toContainText(
      '[Parties] may [provide for] assistance.',
    );
    await page.screenshot({ path: testInfo.outputPath('comparison-inline.png'), fullPage: true });

    await page.getByLabel('Side by side').check();
    await expect(page.locator('.diff-column-headings')).toContainText('A/AC.291/22/Rev.1 (2026-11-20)');
    await expect(page.locator('.diff-column-headings')).toContainText('A/AC.291/22/Rev.2 (2026-11-22)');
    await page.screenshot({ path: testInfo.outputPath('comparison-side-by-side.png'), fullPage: true });

    // Print: the page a secretariat would circulate.
    const html = await request.get(`/api/documents/${documentId}/diff.html?from=${rev1}&to=${rev2}`, {
      headers: auth,
    });
    const print = await observer.context.newPage();
    await print.setContent(await html.text());
    await expect(print.locator('.masthead')).toContainText('A/AC.291/22/Rev.2');
    await expect(print.locator('del[title^="Chair"]').first()).toContainText('Bearing in mind');
    await expect(print.locator('ins[title^="Russian Federation"]')).toContainText('good faith');
    await expect(print.locator('body')).toContainText("Chair: the Chair's choice of Option 2 (Mexico)");
    await expect(print.locator('body')).toContainText('[Parties] may [provide for] assistance.');
    await print.screenshot({ path: testInfo.outputPath('comparison-print.png'), fullPage: true });
    await print.emulateMedia({ media: 'print' });
    await print
      .pdf({ path: testInfo.outputPath('comparison-print.pdf'), format: 'A4' })
      .catch(() => undefined);

    // Word: the same changes, authored and dated.
    const docx = await request.get(`/api/documents/${documentId}/diff.docx?from=${rev1}&to=${rev2}`, {
      headers: auth,
    });
    expect(docx.headers()['content-disposition']).toContain('A-AC.291-22-Rev.2-changes.docx');
    const word = await readDocx(await docx.body());
    const changes = word.paragraphs.flatMap((p) => p.items.filter((item) => item.kind !== 'text'));
    expect(
      changes
        .filter((c) => c.author === 'Russian Federation')
        .map((c) => c.text)
        .join(''),
    ).toContain('Each Party shall cooperate in good faith.');
    expect(changes.some((c) => c.author === 'Chair' && c.text.includes('Bearing in mind'))).toBe(true);
    // RV11 in Word: the pick is the Chair's comment naming Mexico's option.
    expect(word.comments.map((c) => [c.author, c.text])).toContainEqual([
      'Chair',
      "The Chair's choice of Option 2 (Mexico).",
    ]);
    const text = word.paragraphs.map((p) => p.items.map((item) => item.text).join('')).join('\n');
    expect(text).toContain('[Parties] may [provide for] assistance.');
  });
});
