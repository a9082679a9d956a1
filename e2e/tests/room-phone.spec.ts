import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, screenshotBothSizes } from '../support/axe.ts';
import { createDocument, createNegotiation, editor, joinAs, type Person } from '../support/drafting-room.ts';

// Issue 20 on a phone (390x844): the text comes first, the page is no wider than the screen, and the header
// (Sign out included) fits.

const DRAFT = `Draft convention read on a phone

Article 1
Scope
1. This Convention applies to cooperation in criminal matters.
2. Nothing in this Convention affects sovereignty.
`;

test.describe('the room on a phone', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('the text starts in the first screen, nothing runs off to the side, and Sign out is reachable', async ({
    browser,
    request,
  }, testInfo) => {
    const negotiation = await createNegotiation(request, [{ role: 'delegate', delegation: 'MEX' }]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const mexico = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Lucía Gómez');
    people = [mexico];
    const { page } = mexico;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));

    const text = await editor(page).boundingBox();
    expect(text).toBeTruthy();
    expect(text!.y).toBeLessThan(844);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(signOut).toBeTruthy();
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(390);
    expect(signOut!.y).toBeLessThan(844);
    await expectNoAxeViolations(page);
    await screenshotBothSizes(page, testInfo.outputPath.bind(testInfo), 'room-phone');

    // The documents page shares the header and its skip link: it fits and passes axe-core too.
    await page.getByRole('link', { name: 'Travaux' }).click();
    await expect(page.getByRole('heading', { name: 'Negotiation documents' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
  });
});
