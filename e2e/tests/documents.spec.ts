import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, screenshotBothSizes } from '../support/axe.ts';
import { createNegotiation, editor, type Person, signIn } from '../support/drafting-room.ts';

// Issue 20 (AC13) in the browser: a draft the chair has not released is not listed for delegates until it is;
// an archived document stays readable by everyone and writable by nobody.

const DRAFT = `Draft convention on release tests

Article 1
Scope
1. This Convention applies to the States Parties.
`;

test.describe('documents: release and archive', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('the chair releases a withheld draft, then archives it; the delegate sees each step', async ({
    browser,
    request,
  }, testInfo) => {
    const negotiation = await createNegotiation(request, [
      { role: 'chair' },
      { role: 'delegate', delegation: 'BRA' },
    ]);
    const created = await request.post('/api/documents', {
      headers: { authorization: `Bearer ${negotiation.chairSession}` },
      data: { text: DRAFT, released: false },
    });
    expect(created.status()).toBe(201);
    const chair = await signIn(browser, negotiation.invitations[0]!, 'Chair Person');
    const brazil = await signIn(browser, negotiation.invitations[1]!, 'Beatriz Souza');
    people = [chair, brazil];
    const title = 'Draft convention on release tests';

    await chair.page.reload();
    const chairItem = chair.page.getByRole('listitem').filter({ hasText: title });
    await expect(chairItem.getByText('Not released')).toBeVisible();
    await expect(brazil.page.getByText('No documents yet.')).toBeVisible();
    await expectNoAxeViolations(chair.page);

    await chairItem.getByRole('button', { name: `Release ${title}` }).click();
    await expect(chairItem.getByText('Not released')).toHaveCount(0);
    await brazil.page.reload();
    await expect(brazil.page.getByRole('link', { name: title })).toBeVisible();

    // Brazil opens it, then the chair archives it: Brazil's room turns read-only and says why.
    await brazil.page.getByRole('link', { name: title }).click();
    await expect(editor(brazil.page)).toHaveAttribute('aria-readonly', 'false');
    await chairItem.getByRole('button', { name: `Archive ${title}` }).click();
    const archived = chair.page.getByRole('region', { name: 'Archived' });
    await expect(archived.getByRole('link', { name: title })).toBeVisible();
    await expect(brazil.page.getByText(/This document was archived on/)).toBeVisible();
    await expect(editor(brazil.page)).toHaveAttribute('aria-readonly', 'true');
    await expectNoAxeViolations(chair.page);
    await screenshotBothSizes(chair.page, (name) => testInfo.outputPath(name), 'documents-archived');
    await screenshotBothSizes(brazil.page, (name) => testInfo.outputPath(name), 'room-archived');

    await archived.getByRole('button', { name: `Restore ${title}` }).click();
    await expect(editor(brazil.page)).toHaveAttribute('aria-readonly', 'false');
  });
});
