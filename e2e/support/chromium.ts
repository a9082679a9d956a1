/** Debian's Chromium, used as is (see README, "Tests"), unless `TRAVAUX_CHROMIUM` points at another. */
export const CHROMIUM_PATH = process.env.TRAVAUX_CHROMIUM ?? '/usr/bin/chromium';

/** How the tests and the browser benchmarks launch it: headless in a container, without background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
