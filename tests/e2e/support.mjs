// Shared set-up of the browser tests: a static server for dist/ inside the test process
// (no pid juggling with a separate server) and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, mkdir, copyFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = process.env.DATELINE_DIST || join(root, 'dist');
export const shotsDir = join(root, 'target', 'e2e');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

export async function start() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    if (path.includes('..')) { res.writeHead(403).end(); return; }
    let file = join(dist, path || 'index.html');
    if (file.endsWith('/') || path === '') file = join(dist, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  await mkdir(shotsDir, { recursive: true });
  return {
    url, browser,
    async stop() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

/// A page that fails the test on any console error or CSP violation.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
  return page;
}

export async function screenshot(page, name) {
  const path = join(shotsDir, name);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
  return path;
}

/// Waits until the engine's data is loaded (the status line says so).
export async function waitForData(page) {
  await page.waitForFunction(() => {
    const status = document.querySelector('.data-status');
    return status && !status.textContent.includes('loading');
  }, null, { timeout: 20000 });
}

/// Copies a screenshot to docs/screenshots (the README's pictures) only when asked
/// (UPDATE_SCREENSHOTS=1): a test run must not dirty the work tree.
export async function publishScreenshot(path, name) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const docs = join(root, 'docs', 'screenshots');
  await mkdir(docs, { recursive: true });
  await copyFile(path, join(docs, name));
  console.log(`screenshot published: ${join(docs, name)}`);
}
