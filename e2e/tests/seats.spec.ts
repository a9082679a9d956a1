import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, screenshotBothSizes } from '../support/axe.ts';
import { ADMIN_TOKEN, type Person, signIn } from '../support/drafting-room.ts';

// Issue 20, the convenor's Seats page in the browser: invite with a limit of people, copy the link, see who
// joined through it, end one person's session, revoke a link, and read the audit log filtered (AC11, AC12).

test.describe('the Seats page', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  const roster = (page: Page) => page.getByRole('region', { name: 'Roster' });

  test('a convenor invites, sees who joined, ends a session, revokes the link and filters the audit log', async ({
    browser,
    request,
  }, testInfo) => {
    const created = await request.post('/api/negotiations', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      data: { title: 'Seats (end-to-end tests)' },
    });
    expect(created.status()).toBe(201);
    const { convenorInvitation } = (await created.json()) as { convenorInvitation: { token: string } };
    const convenor = await signIn(browser, `/join/${convenorInvitation.token}`, 'Clara Convenor');
    people.push(convenor);
    const page = convenor.page;
    await page.getByRole('link', { name: 'Seats and invitations' }).click();
    await expect(page.getByRole('heading', { name: 'Seats', level: 1 })).toBeVisible();
    await expect(roster(page).getByText('Convenors')).toBeVisible();

    // Invite two people of Kenya's delegation.
    const invite = page.getByRole('region', { name: 'Invite' });
    await invite.getByLabel('Role').selectOption('delegate');
    await invite.getByLabel('Delegation').selectOption({ label: 'Kenya' });
    await invite.getByLabel('Label (optional)').fill('Nairobi team');
    await invite.getByLabel('People allowed').fill('2');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    const link = invite.getByLabel('New invitation link');
    await expect(link).toBeVisible();
    const url = await link.inputValue();
    expect(url).toMatch(/\/join\//);
    const kenya = roster(page).getByRole('region', { name: 'Kenya' });
    await expect(kenya).toContainText('Delegate — Nairobi team');
    await expect(kenya).toContainText('0 of 2 people');
    await expectNoAxeViolations(page);

    // Two people sign in; a third is refused by the limit.
    const path = new URL(url).pathname;
    const amina = await signIn(browser, path, 'Amina Odhiambo');
    const otieno = await signIn(browser, path, 'Otieno Kamau');
    people.push(amina, otieno);
    const third = await browser.newContext();
    const thirdPage = await third.newPage();
    await thirdPage.goto(path);
    await thirdPage.getByLabel('Your name').fill('Someone Else');
    await thirdPage.getByRole('button', { name: 'Enter' }).click();
    await expect(thirdPage.getByRole('alert')).toContainText('as many people as it allows');
    await third.close();

    await roster(page).getByRole('button', { name: 'Refresh' }).click();
    await expect(kenya).toContainText('2 of 2 people');
    await expect(kenya.getByText('Full')).toBeVisible();
    const joined = kenya.getByRole('list', { name: /People who joined/ });
    await expect(joined.getByRole('listitem')).toHaveCount(2);
    await expect(joined).toContainText('Amina Odhiambo');
    await screenshotBothSizes(page, (name) => testInfo.outputPath(name), 'seats-roster', {
      fullPage: true,
    });

    // End Amina's session: her next page load signs her out with the reason; Otieno stays in.
    await kenya.getByRole('button', { name: 'End session of Amina Odhiambo' }).click();
    await kenya.getByRole('button', { name: /Confirm: end Amina Odhiambo/ }).click();
    await expect(kenya).toContainText(/Session ended/);
    await amina.page.reload();
    await expect(amina.page.getByRole('alert')).toHaveText(/convenor ended your session/);
    await otieno.page.reload();
    await expect(otieno.page.getByRole('heading', { name: 'Negotiation documents' })).toBeVisible();

    // Revoke the link: Otieno is signed out too.
    await kenya.getByRole('button', { name: /Revoke Delegate — Nairobi team/ }).click();
    await kenya.getByRole('button', { name: /Confirm: revoke/ }).click();
    await expect(kenya.getByText('Revoked', { exact: true })).toBeVisible();
    await otieno.page.reload();
    await expect(otieno.page.getByRole('alert')).toHaveText(/revoked/);

    // The audit log, filtered by action and by person.
    const audit = page.getByRole('region', { name: 'Audit log' });
    await audit.getByLabel('Action').selectOption({ label: 'Session ended by the convenor' });
    const rows = audit.getByRole('row');
    await expect(rows).toHaveCount(2); // the header and one entry
    await expect(rows.nth(1)).toContainText('Clara Convenor (Convenor)');
    await expect(rows.nth(1)).toContainText('Amina Odhiambo');
    await audit.getByLabel('Action').selectOption({ label: 'All actions' });
    await audit.getByLabel('Person').selectOption({ label: 'Otieno Kamau' });
    await expect(rows.nth(1)).toContainText('Signed in');
    await expect(rows.nth(1)).toContainText('Otieno Kamau (Delegate of Kenya)');
    await expectNoAxeViolations(page);
    await screenshotBothSizes(page, (name) => testInfo.outputPath(name), 'seats-audit');
  });
});
