import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Runs axe-core on the page as it stands and expects no violation of any impact (issue 20's acceptance). The
 * message lists each rule with the first element it found, so a failure says what to fix.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes[0]?.target.join(' ') ?? ''}`);
  expect(summary, summary.join('\n')).toEqual([]);
}

/** Saves a screenshot of the page at 1440x900 and at 390x844 under the test's output directory. */
export async function screenshotBothSizes(
  page: Page,
  outputPath: (name: string) => string,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const before = page.viewportSize();
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    await page.screenshot({ path: outputPath(`${name}-${width}.png`), fullPage: options.fullPage ?? false });
  }
  if (before) await page.setViewportSize(before);
}
