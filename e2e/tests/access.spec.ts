import { expect, test } from '@playwright/test';
import { delegationColor } from '@travaux/shared';
import {
  createDocument,
  createNegotiation,
  editor,
  joinAs,
  type Person,
  treatyText,
} from '../support/drafting-room.ts';

// Issue 3 in the browser: what the server enforces is also what people see (SPEC AC rules).

const DRAFT = `Draft convention on access tests

Article 1
Scope
1. This Convention applies to the States Parties.
`;

test.describe('roles in the drafting room', () => {
  let people: Person[] = [];

  test.afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close()));
    people = [];
  });

  test('AC8: an observer’s editor is read-only and says so; AC10: a delegate shows with the right delegation and colour', async ({
    browser,
    request,
  }) => {
    const negotiation = await createNegotiation(request, [
      { role: 'delegate', delegation: 'RUS' },
      { role: 'observer' },
    ]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const russia = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Anna Petrova');
    const observer = await joinAs(browser, negotiation.invitations[1]!, documentId, 'Olga Observer');
    people = [russia, observer];

    // The observer is told, cannot type, and has no editing tools.
    await expect(observer.page.getByText('Read only.')).toBeVisible();
    await expect(editor(observer.page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(observer.page)).toHaveAttribute('aria-readonly', 'true');
    await expect(observer.page.getByRole('toolbar', { name: 'Editing' })).toHaveCount(0);
    const before = await treatyText(observer.page);
    await editor(observer.page).locator('.paragraph .body').first().click();
    await observer.page.keyboard.type('observer was here');
    await expect.poll(() => treatyText(observer.page)).toBe(before);

    // The delegate's edits reach the observer live.
    await editor(russia.page).locator('.paragraph .body').first().click();
    await russia.page.keyboard.press('End');
    await russia.page.keyboard.type(' and observers');
    await expect(editor(observer.page)).toContainText('States Parties. and observers');
    expect(await treatyText(russia.page)).not.toContain('observer was here');

    // The observer sees the delegate with the delegation the server stamped, in its colour.
    const room = observer.page.getByRole('list', { name: 'People in the room' });
    const anna = room.getByRole('listitem').filter({ hasText: 'Anna Petrova' });
    await expect(anna).toContainText('Russian Federation');
    const swatch = anna.locator('.swatch');
    const expected = await russia.page.evaluate((hex) => {
      const probe = document.createElement('span');
      probe.style.color = hex;
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    }, delegationColor('RUS'));
    await expect(swatch).toHaveCSS('background-color', expected);
    await expect(room).toContainText('Observer');
    // The remote caret carries the same name and delegation.
    await expect(editor(observer.page).locator('.ProseMirror-yjs-cursor')).toContainText(
      'Anna Petrova · Russian Federation',
    );
  });

  test('AC6: revoking an invitation disconnects the open page at once', async ({ browser, request }) => {
    const negotiation = await createNegotiation(request, [{ role: 'delegate', delegation: 'CHN' }]);
    const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
    const china = await joinAs(browser, negotiation.invitations[0]!, documentId, 'Li Wei');
    people = [china];
    const revoked = await request.delete(`/api/invitations/${negotiation.invitationIds[0]}`, {
      headers: { authorization: `Bearer ${negotiation.convenorSession}` },
    });
    expect(revoked.status()).toBe(200);
    await expect(china.page.getByRole('status')).toHaveText(/your access was revoked/);
    await china.page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(china.page.getByRole('heading', { name: 'Sign in with your invitation' })).toBeVisible();
  });
});
