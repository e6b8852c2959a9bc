// Times the engine in headless Chromium: `node run.mjs DIR RUNS`, where DIR holds what
// `cargo xtask bench-wasm` put there (the wasm-bindgen output, the data files, the seed
// article). Each sample is the mean of a batch of 10 runs (the page's clock has 0.1 ms
// steps). Prints the median and p90 of the samples in the same form every time.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '../../tests/e2e/node_modules/playwright-core/index.mjs';

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 300);
const batch = 10;
// Chromium compiles hot wasm functions with its optimising tier in the background, a while
// after they first run; the untimed runs let that finish.
const warmUp = 300;
const samples = Math.max(1, Math.round(runs / batch));
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const server = http.createServer(async (request, response) => {
  const name = path.basename(new URL(request.url, 'http://x').pathname) || 'index.html';
  try {
    const body = await readFile(path.join(dir, name));
    response.writeHead(200, { 'content-type': types[path.extname(name)] || 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const times = await page.evaluate(async ([samples, batch, warmUp]) => {
    const { default: init, time_analysis } = await import('./dateline_wasm_bench.js');
    await init();
    const bytes = async (name) => new Uint8Array(await (await fetch(name)).arrayBuffer());
    const text = await (await fetch('seed.txt')).text();
    return time_analysis(await bytes('ner.bin'), await bytes('gazetteer.bin'), text, warmUp, samples, batch);
  }, [samples, batch, warmUp]);
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
  console.log(`whole-document analysis, seed article, wasm in Chromium ${browser.version()}:`);
  console.log(`  median ${at(0.5).toFixed(2)} ms   p90 ${at(0.9).toFixed(2)} ms   fastest ${times[0].toFixed(2)} ms   (${samples} samples of ${batch} runs, after ${warmUp} untimed)`);
} finally {
  await browser.close();
  server.close();
}
