import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from '@playwright/test';

/** A delegate in their own browser context (separate storage, so nothing syncs outside the server). */
export interface Delegate {
  context: BrowserContext;
  page: Page;
  name: string;
  delegation: string;
}

/** Creates a document through the HTTP API from the plain-text treaty format; returns its id. */
export async function createDocument(request: APIRequestContext, text: string): Promise<string> {
  const response = await request.post('/api/documents', { data: { text } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { document: { id: string } };
  return body.document.id;
}

/** Opens a fresh browser context, signs in through the join form and opens the document. */
export async function joinAs(
  browser: Browser,
  documentId: string,
  name: string,
  delegation: string,
): Promise<Delegate> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/d/${documentId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Delegation').fill(delegation);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(editor(page)).toBeVisible();
  return { context, page, name, delegation };
}

/** The treaty editor of a page. */
export function editor(page: Page) {
  return page.getByRole('textbox', { name: 'Treaty text' });
}

/** The editor's text without remote caret labels (y-prosemirror puts them inside the editor DOM). */
export async function treatyText(page: Page): Promise<string> {
  return editor(page).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const label of copy.querySelectorAll('.ProseMirror-yjs-cursor')) label.remove();
    return copy.textContent ?? '';
  });
}

/** Places the caret at the end of the body text of the paragraph with the given stable id. */
export async function caretAtEndOfParagraph(page: Page, paragraphId: string): Promise<void> {
  const body = editor(page).locator(`[data-id="${paragraphId}"] > .body`).first();
  await body.click();
  await page.keyboard.press('End');
}
