import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from '@playwright/test';

/** The admin token the e2e server is started with (playwright.config.ts), for `POST /api/negotiations`. */
export const ADMIN_TOKEN = 'e2e-admin-token-not-a-secret';

/** A person in their own browser context (separate storage, so nothing syncs outside the server). */
export interface Person {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** A seat to invite: role and, for delegates, delegation id. */
export interface Seat {
  role: 'chair' | 'delegate' | 'observer';
  delegation?: string;
}

/** A negotiation made through the HTTP API, as a convenor would: its invitation paths and a chair session. */
export interface Negotiation {
  /** `/join/<token>` per seat, in the order asked. */
  invitations: string[];
  /** Invitation ids, in the same order (to revoke them). */
  invitationIds: string[];
  convenorSession: string;
  chairSession: string;
}

async function created<T>(response: Promise<import('@playwright/test').APIResponse>): Promise<T> {
  const answer = await response;
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as T;
}

/** Creates a negotiation, opens the convenor's and a chair's sessions and issues an invitation per seat. */
export async function createNegotiation(request: APIRequestContext, seats: Seat[]): Promise<Negotiation> {
  const { convenorInvitation } = await created<{ convenorInvitation: { token: string } }>(
    request.post('/api/negotiations', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      data: { title: 'Ad Hoc Committee (end-to-end tests)' },
    }),
  );
  const open = async (invitation: string, name: string) =>
    (await created<{ session: string }>(request.post('/api/sessions', { data: { invitation, name } })))
      .session;
  const convenorSession = await open(convenorInvitation.token, 'Convenor');
  const invite = (seat: Seat) =>
    created<{ token: string; invitation: { id: string } }>(
      request.post('/api/invitations', {
        headers: { authorization: `Bearer ${convenorSession}` },
        data: seat,
      }),
    );
  const chairSession = await open((await invite({ role: 'chair' })).token, 'Chair');
  const issued = [];
  for (const seat of seats) issued.push(await invite(seat));
  return {
    invitations: issued.map((i) => `/join/${i.token}`),
    invitationIds: issued.map((i) => i.invitation.id),
    convenorSession,
    chairSession,
  };
}

/** Creates a document through the HTTP API (as the chair) from the plain-text treaty format; returns its id. */
export async function createDocument(
  request: APIRequestContext,
  chairSession: string,
  text: string,
): Promise<string> {
  const body = await created<{ document: { id: string } }>(
    request.post('/api/documents', { headers: { authorization: `Bearer ${chairSession}` }, data: { text } }),
  );
  return body.document.id;
}

/** Opens a fresh browser context, follows an invitation link, gives a name and lands on the documents page. */
export async function signIn(browser: Browser, invitation: string, name: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(invitation);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('heading', { name: 'Negotiation documents' })).toBeVisible();
  return { context, page, name };
}

/** `signIn`, then opens the document and waits until it is live. */
export async function joinAs(
  browser: Browser,
  invitation: string,
  documentId: string,
  name: string,
): Promise<Person> {
  const person = await signIn(browser, invitation, name);
  await person.page.goto(`/d/${documentId}`);
  await expect(person.page.getByRole('status')).toHaveText('Connected');
  await expect(editor(person.page)).toBeVisible();
  return person;
}

/** The treaty editor of a page. */
export function editor(page: Page) {
  return page.getByRole('textbox', { name: 'Treaty text' });
}

/**
 * What the editor draws beside the text rather than in it: remote caret labels (y-prosemirror), bracket
 * widgets, paragraph status labels and the words a chair's marked edit removed (PR14).
 */
const NOT_TEXT = '.ProseMirror-yjs-cursor, .bracket-widget, .status-label, .chair-edit.deleted';

/** The editor's text without remote caret labels, bracket widgets and status labels. */
export async function treatyText(page: Page): Promise<string> {
  return editor(page).evaluate((root, notText) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const label of copy.querySelectorAll(notText)) label.remove();
    return copy.textContent ?? '';
  }, NOT_TEXT);
}

/** Selects the first occurrence of `text` in the treaty text (as a mouse drag would), ignoring widgets. */
export async function selectText(page: Page, text: string): Promise<void> {
  await editor(page).focus();
  await editor(page).evaluate(
    (root, [needle, notText]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.parentElement?.closest(notText) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`selectText: no “${needle}” in the text`);
    },
    [text, NOT_TEXT] as const,
  );
  // ProseMirror reads the DOM selection on the next selectionchange event.
  await page.waitForTimeout(150);
}

/** The live bracket counts of the whole text shown in the room (BR8). */
export function bracketTotal(page: Page) {
  return page.getByTestId('bracket-total');
}

/** Places the caret at the end of the body text of the paragraph with the given stable id. */
export async function caretAtEndOfParagraph(page: Page, paragraphId: string): Promise<void> {
  const body = editor(page).locator(`[data-id="${paragraphId}"] > .body`).first();
  await body.click();
  await page.keyboard.press('End');
}
