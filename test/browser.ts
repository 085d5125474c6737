/** Debian's chromium, driven by playwright-core: for the explorer's browser tests and its benchmark. */
import { chromium } from 'playwright-core';

/**
 * Launches headless chromium from /usr/bin (playwright's own browser download cannot work offline), with
 * a fresh profile (playwright makes one in a temporary folder) and nothing that phones home: without
 * the background-networking flags it keeps trying hosts a closed network refuses.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
