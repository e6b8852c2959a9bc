// The walking skeleton, end to end: the release build in headless Chromium, the seed
// article pasted, Explore clicked, highlights and lists checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, newPage, screenshot, waitForData, root, publishScreenshot } from './support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const seed = await readFile(join(root, 'samples', 'us-forces-syria-2021.txt'), 'utf8');

test('pasting the seed article and exploring shows highlights and lists', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1360, height: 900 } });
  await page.goto(env.url);
  await waitForData(page);
  assert.match(await page.textContent('.data-status'), /entity model: ready/);
  assert.match(await page.textContent('.data-status'), /gazetteer: ready/);
  await page.fill('#article-input', seed);
  await page.click('#explore');
  await page.waitForSelector('.article-text mark.mention');

  const marks = await page.$$eval('.article-text mark.mention', (nodes) => nodes.map((n) => [n.textContent, n.className]));
  const marked = (text, kind) => marks.some(([t, c]) => t === text && c.includes(kind));
  assert.ok(marked('Wayne Maratto', 'k-person') || marked('Col. Wayne Maratto', 'k-person'), 'Maratto marked as a person');
  assert.ok(marked('Rome', 'k-place'), 'Rome marked as a place');
  assert.ok(marks.some(([t, c]) => t.includes('Monday night') && c.includes('k-time')), 'Monday night marked as a time');

  // The analysis ran in the worker and says how long it took.
  const analysedMs = Number((await page.textContent('.summary')).match(/analysed in ([\d.]+) ms/)?.[1]);
  assert.ok(analysedMs > 0, `analysis time shown: ${analysedMs}`);
  console.log(`seed analysis in the page's worker: ${analysedMs} ms`);

  const places = await page.$$eval('.entries.places .entry-name', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(places.some((p) => p.startsWith('Rome')), `places list has Rome: ${places}`);
  const actors = await page.$$eval('.entries.actors .entry-name', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(actors.some((a) => a.includes('Blinken')), `actors list has Blinken: ${actors}`);
  const times = await page.$$eval('.entries.times .entry-detail', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(times.some((t) => t.includes('2021-06-28TNI')), `times list has Monday night: ${times}`);

  // Selecting an actor in the list lights its mentions in the text.
  await page.click('.entries.actors .entry:has-text("Blinken")');
  const lit = await page.$$eval('.article-text mark.selected', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(lit.some((t) => t.includes('Blinken')), `Blinken lit in the text: ${lit}`);

  await publishScreenshot(await screenshot(page, 'app-seed.png'), 'app-seed.png');
  assert.deepEqual(page.errors, []);
});

test('a wire dateline without a year takes this year, and the date field says so', async () => {
  const page = await newPage(env.browser);
  await page.goto(env.url);
  await page.fill('#article-input', 'WASHINGTON, Jan 2 (Reuters) - U.S. officials said on Friday that talks with Iran had stalled.');
  await page.click('#explore');
  await page.waitForSelector('.article-text mark.mention');
  // The reader's clock, as the page reads it: January 2 is never more than a day ahead.
  const year = await page.evaluate(() => new Date().getFullYear());
  assert.equal(await page.inputValue('#dct'), `${year}-01-02`);
  assert.match(await page.textContent('#dct-help'), /no year: this year is assumed/);
  // "on Friday" is placed: a calendar day, not XXXX-WXX-5.
  const times = await page.$$eval('.entries.times .entry-detail', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(times.some((t) => new RegExp(`(${year - 1}|${year})-\\d\\d-\\d\\d`).test(t) && !t.includes('XXXX')), `Friday placed: ${times}`);
  assert.deepEqual(page.errors, []);
});

test('hostile input is shown as text, never run as HTML', async () => {
  const page = await newPage(env.browser);
  await page.goto(env.url);
  const hostile = 'Protesters in Paris <img src=x onerror="window.__pwned=1"> said <script>window.__pwned=2</script> on Monday.';
  await page.fill('#article-input', hostile);
  await page.click('#explore');
  await page.waitForSelector('.article-text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$('.article-text img'), null);
  assert.ok((await page.textContent('.article-text')).includes('<img src=x'));
  assert.deepEqual(page.errors, []);
});

test('empty and binary input get a clear message, no crash', async () => {
  const page = await newPage(env.browser);
  await page.goto(env.url);
  await page.fill('#article-input', '\u0000\u0001\u0002 \uFFFD');
  await page.click('#explore');
  await page.waitForSelector('.diagnostics');
  assert.match(await page.textContent('.diagnostics'), /empty|No places|No dates/);
  assert.deepEqual(page.errors, []);
});
