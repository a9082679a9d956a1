import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  caretAtEndOfParagraph,
  createDocument,
  createNegotiation,
  editor,
  treatyText,
} from '../support/drafting-room.ts';

// SPEC GD2: the Content-Security-Policy of every response is one the built client passes. A policy too strict
// for the client would show as `securitypolicyviolation` events (and console errors), not as a failing page.

const DRAFT = `Draft convention on content security

Article 1
Scope
1. This Convention applies to cooperation.
2. Nothing affects sovereignty.
`;

interface Watched {
  readonly page: Page;
  /** Every CSP violation Chromium reported on the console, across navigations. */
  readonly console: string[];
  close(): Promise<void>;
}

/** Signs in through an invitation in a fresh context that records CSP violations in every document it opens. */
async function watchedSignIn(browser: Browser, invitation: string, name: string): Promise<Watched> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  const response = await page.goto(invitation);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('heading', { name: 'Negotiation documents' })).toBeVisible();
  return { page, console, close: () => context.close() };
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('GD2: the drafting room works under the Content-Security-Policy: two delegates type, see each other, no violation', async ({
  browser,
  request,
}) => {
  const negotiation = await createNegotiation(request, [
    { role: 'delegate', delegation: 'RUS' },
    { role: 'delegate', delegation: 'USA' },
  ]);
  const documentId = await createDocument(request, negotiation.chairSession, DRAFT);
  const russia = await watchedSignIn(browser, negotiation.invitations[0]!, 'Anna Petrova');
  const usa = await watchedSignIn(browser, negotiation.invitations[1]!, 'John Miller');
  try {
    for (const { page } of [russia, usa]) {
      await page.goto(`/d/${documentId}`);
      // The sync socket (connect-src 'self') is up and the editor is mounted.
      await expect(page.getByRole('status')).toHaveText('Connected');
      await expect(editor(page)).toBeVisible();
    }
    const paragraph = await editor(russia.page)
      .locator('.article .paragraph')
      .first()
      .getAttribute('data-id');
    await caretAtEndOfParagraph(russia.page, paragraph!);
    await caretAtEndOfParagraph(usa.page, paragraph!);
    await russia.page.keyboard.type(' under the policy', { delay: 20 });
    await expect.poll(() => treatyText(usa.page)).toContain('under the policy');
    // The remote caret (y-prosemirror sets its colour in a style attribute) and the proposal decorations show.
    await expect(usa.page.locator('.ProseMirror-yjs-cursor')).toHaveCount(1);
    await expect(usa.page.getByRole('list', { name: 'People in the room' })).toContainText('Anna Petrova');

    for (const watched of [russia, usa]) {
      expect(await violations(watched.page)).toEqual([]);
      expect(watched.console).toEqual([]);
    }

    // And the policy bites: an inline script (as an injection would add) is refused, and reported.
    const ran = await usa.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations(usa.page)).toEqual([expect.stringMatching(/^script-src/)]);
  } finally {
    await Promise.all([russia.close(), usa.close()]);
  }
});
