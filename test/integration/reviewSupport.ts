// Helpers for the review page's browser tests: `wherewemet serve` as a child process, Debian's
// chromium through playwright-core, screenshots on request, and the layout checks a phone needs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;

export interface Serving {
  child: ChildProcess;
  /** The one-time sign-in link it printed. */
  login: string;
  origin: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `wherewemet serve` on a free port; resolves once it prints its sign-in link. */
export async function startServe(args: string[], env: Record<string, string>): Promise<Serving> {
  const child = spawn(BIN, ['serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const login = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /review page .*at (\S+)/.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    child,
    login,
    origin: new URL(login).origin,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One headless chromium for a test file, with a fresh profile directory of its own. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'wherewemet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const SHOTS = process.env.REVIEW_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

/**
 * With REVIEW_SCREENSHOTS=/some/dir, the whole page there for a person to look at, in pieces of
 * about two screens (NAME-1.png, NAME-2.png...), so that each stays legible; or one element.
 */
export async function screenshot(page: Page | Locator, name: string): Promise<void> {
  if (!SHOTS) return;
  if (!('setViewportSize' in page)) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    return;
  }
  // Browser code as text: the project's TypeScript has no DOM types, on purpose.
  const { width, height } = await page.evaluate<{ width: number; height: number }>(
    '({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight })',
  );
  const piece = Math.max(900, width * 1.6);
  for (let y = 0, n = 1; y < height && n <= 4; y += piece, n++)
    await page.screenshot({
      path: join(SHOTS, `${name}-${n}.png`),
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(piece, height - y) },
    });
}

/**
 * What sticks out sideways: the page's scroll width against the viewport, and the visible
 * elements in <main> that reach past its right edge.
 */
export function overflow(page: Page) {
  return page.evaluate<{ scrollWidth: number; width: number; outside: string[] }>(`(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('main *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .map((e) => e.tagName.toLowerCase() + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40));
    return { scrollWidth: document.documentElement.scrollWidth, width, outside };
  })()`);
}
