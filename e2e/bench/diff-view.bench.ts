import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { generateConventionText } from '@travaux/server/bench/convention.ts';
import { silentLogger } from '@travaux/server/src/log.ts';
import { startServer } from '@travaux/server/src/server.ts';
import { connectClient } from '@travaux/server/src/test-support/clients.ts';
import { newNegotiation, signIn } from '@travaux/server/src/test-support/roster.ts';
import { treatyFragment } from '@travaux/shared';
import * as Y from 'yjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

/**
 * Browser half of issue 6's budget: opening the diff view of two revisions of the 30,000-word, 70-article
 * convention in Chromium, from navigation to the changed paragraphs on screen (budget 1 s). Needs the built
 * client (client/dist).
 */
export async function measureDiffView(runs = 5): Promise<{ median: number; max: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'travaux-bench-diff-'));
  const server = await startServer({ port: 0, dataDir: dir, seedDemo: false, logger: silentLogger });
  try {
    const negotiation = await newNegotiation(server.access);
    const chair = await signIn(server.access, negotiation, 'chair', null, 'Chair');
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Observer');
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, { id: string }>;
    };
    const documentId = (await post('/api/documents', { text: generateConventionText() })).document!.id;
    const rev1 = (await post(`/api/documents/${documentId}/revisions`, { symbol: 'Rev.0' })).revision!.id;
    // A round of negotiation: every 25th paragraph amended by the chair.
    const client = connectClient(server.url, documentId, chair.token);
    await client.synced(30_000);
    let n = 0;
    client.doc.transact(() => {
      for (const node of treatyFragment(client.doc).createTreeWalker((t) => t instanceof Y.XmlText)) {
        const text = node as Y.XmlText;
        if (n++ % 25 === 0) text.insert(text.length, ' as amended in the informal consultations');
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rev2 = (await post(`/api/documents/${documentId}/revisions`, { symbol: 'Rev.1' })).revision!.id;
    client.destroy();

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
    const times: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        await context.addInitScript(
          (token) => localStorage.setItem('travaux.session', token),
          observer.token,
        );
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(`${server.url}/d/${documentId}/diff?from=${rev1}&to=${rev2}`);
        await page.locator('.diff-blocks .diff-block').first().waitFor({ timeout: 30_000 });
        times.push(performance.now() - start);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
