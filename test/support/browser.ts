import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests run where Chromium is installed. CI sets REQUIRE_BROWSER=1, so a missing
 * browser fails there instead of skipping; elsewhere the suite says it skipped.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const available = existsSync(CHROMIUM_PATH);
  if (!available && !process.env.REQUIRE_BROWSER) {
    console.warn(`${name}: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/**
 * Headless Chromium as the machine probe runs it: no sandbox (root in CI), and none of the
 * background networking that this closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}
