// The map (issue #7) in headless Chromium: markers where the projection says, real mouse
// drags and wheel zooms, selection lighting the text, redraw time, screenshots.
//
// The projection below mirrors src/components/map/projection.rs: Equal Earth and Web
// Mercator, both scaled so the equator is 2π wide, blended by the `data-blend` the map
// exposes. Screen = (w/2 + (x - cx)·s, h/2 - (y - cy)·s) in the SVG's pixels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { start, newPage, waitForData, root, shotsDir, publishScreenshot } from './support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const seed = await readFile(join(root, 'samples', 'us-forces-syria-2021.txt'), 'utf8');

const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
const MERCATOR_MAX_LAT = 85.05112877980659;
function equalEarth(lon, lat) {
  const lambda = lon * Math.PI / 180;
  const theta = Math.asin(M * Math.sin(lat * Math.PI / 180));
  const t2 = theta * theta, t6 = t2 * t2 * t2;
  const x = lambda * Math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
  const y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
  return [x * M * A1, y * M * A1];
}
function mercator(lon, lat) {
  const phi = Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI / 180;
  return [lon * Math.PI / 180, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}
function project(t, lon, lat) {
  const [ex, ey] = equalEarth(lon, lat);
  const [mx, my] = mercator(lon, lat);
  return [ex + t * (mx - ex), ey + t * (my - ey)];
}

/// The map's view parameters and the SVG's box on the page.
async function mapView(page) {
  return page.$eval('.map-svg', (svg) => {
    const r = svg.getBoundingClientRect();
    const d = svg.dataset;
    return {
      left: r.left, top: r.top, rectWidth: r.width, rectHeight: r.height,
      width: +d.width, height: +d.height, scale: +d.scale, blend: +d.blend,
      cx: +d.centerX, cy: +d.centerY, zoom: +d.zoom, lon: +d.lon, lat: +d.lat, detail: d.detail,
    };
  });
}

function toPage(view, lon, lat) {
  const [x, y] = project(view.blend, lon, lat);
  const sx = view.width / 2 + (x - view.cx) * view.scale;
  const sy = view.height / 2 - (y - view.cy) * view.scale;
  return [view.left + sx * view.rectWidth / view.width, view.top + sy * view.rectHeight / view.height];
}

/// Markers on the map: name, lat/lon from the data attributes, centre on the page.
async function markers(page) {
  return page.$$eval('.map-marker', (nodes) => nodes.map((n) => {
    const r = n.querySelector('.map-marker-dot').getBoundingClientRect();
    return {
      name: n.dataset.name, id: n.dataset.id, label: n.getAttribute('aria-label'),
      lat: +n.dataset.lat, lon: +n.dataset.lon, x: r.left + r.width / 2, y: r.top + r.height / 2,
    };
  }));
}

const expected = [
  { pattern: /deir/i, lat: 35.336, lon: 40.140 },
  { pattern: /^rome/i, lat: 41.894, lon: 12.483 },
  { pattern: /arlington/i, lat: 38.88, lon: -77.10 },
];

function assertPlaced(view, marker, tolerance = 2) {
  const [x, y] = toPage(view, marker.lon, marker.lat);
  assert.ok(Math.abs(x - marker.x) <= tolerance && Math.abs(y - marker.y) <= tolerance,
    `${marker.name} drawn at (${marker.x.toFixed(1)}, ${marker.y.toFixed(1)}), projection says (${x.toFixed(1)}, ${y.toFixed(1)})`);
}

/// Waits until a glide or a redraw has settled (the view stops changing).
async function settle(page) {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = JSON.stringify(await mapView(page));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(120);
  }
}

async function shoot(page, name) {
  const path = join(shotsDir, name);
  await page.locator('.map-view').screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}

/// Milliseconds from a wheel event to the redrawn, laid-out map (script + style + layout),
/// and to the next animation frame (adds the wait for vsync).
async function measureZoomStep(page, deltaY) {
  return page.evaluate(async (deltaY) => {
    const svg = document.querySelector('.map-svg');
    const r = svg.getBoundingClientRect();
    const t0 = performance.now();
    svg.dispatchEvent(new WheelEvent('wheel', {
      deltaY, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true,
    }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.querySelector('.map-svg .map-countries').getBoundingClientRect();
    const t1 = performance.now();
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const t2 = performance.now();
    return [t1 - t0, t2 - t0];
  }, deltaY);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test('the map shows the story where it happened and follows the mouse', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1360, height: 900 } });
  await page.goto(env.url);
  await waitForData(page);
  await page.fill('#article-input', seed);
  await page.click('#explore');
  await page.waitForSelector('.map-svg .map-countries path');
  await page.waitForSelector('.map-svg .map-marker, .map-svg .map-cluster');
  await page.locator('.map-view').scrollIntoViewIfNeeded();
  await settle(page);

  // Base map: countries drawn, the story's countries shaded.
  assert.ok((await page.$$('.map-countries path')).length > 150, 'every country is drawn');
  const shaded = await page.$$eval('.map-story-country', (nodes) => nodes.map((n) => n.getAttribute('aria-label')));
  assert.ok(shaded.includes('Syria'), `Syria is shaded: ${shaded}`);

  // The first view fits the story: Rome and Arlington are markers where the projection says.
  let view = await mapView(page);
  let found = await markers(page);
  console.log(`first view: zoom ${view.zoom.toFixed(2)}, blend ${view.blend.toFixed(2)}, markers: ${found.map((m) => m.label).join('; ')}`);
  for (const want of expected.slice(1)) {
    const marker = found.find((m) => want.pattern.test(m.name));
    assert.ok(marker, `a marker for ${want.pattern}: ${found.map((m) => m.name)}`);
    assert.ok(Math.abs(marker.lat - want.lat) < 0.3 && Math.abs(marker.lon - want.lon) < 0.3,
      `${marker.name} at ${marker.lat}, ${marker.lon}`);
    assertPlaced(view, marker);
  }
  assert.match(found.find((m) => /arlington/i.test(m.name)).label, /Arlington, United States/);
  await mkdir(shotsDir, { recursive: true });
  const worldShot = await shoot(page, 'map-world.png');

  // Hovering a marker shows its card.
  const rome = found.find((m) => /^rome/i.test(m.name));
  await page.mouse.move(rome.x, rome.y);
  await page.waitForSelector('.map-card');
  assert.match(await page.textContent('.map-card'), /Rome/);
  assert.match(await page.textContent('.map-card'), /Italy/);

  // Drag with the real mouse, towards the middle so Rome stays in view: the content follows
  // the pointer and the centre moves the other way. (Vertically the map stops at the
  // world's edges, so the drag is horizontal.)
  const before = await mapView(page);
  const dx = rome.x > before.left + before.rectWidth / 2 ? -120 : 120;
  const grab = [before.left + before.rectWidth * 0.5, before.top + before.rectHeight * 0.85];
  await page.mouse.move(grab[0], grab[1]);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(grab[0] + dx / 8 * i, grab[1]);
  await page.mouse.up();
  await settle(page);
  view = await mapView(page);
  assert.ok(Math.sign(before.lon - view.lon) === Math.sign(dx),
    `dragging ${dx > 0 ? 'right moves the centre west' : 'left moves the centre east'}: ${before.lon} -> ${view.lon}`);
  const romeAfter = (await markers(page)).find((m) => /^rome/i.test(m.name));
  assert.ok(Math.abs(romeAfter.x - rome.x - dx) < 2 && Math.abs(romeAfter.y - rome.y) < 2,
    `Rome moved with the drag: (${rome.x}, ${rome.y}) -> (${romeAfter.x}, ${romeAfter.y})`);
  assertPlaced(view, romeAfter);

  // Wheel over Rome: the zoom goes up and Rome stays under the pointer.
  await page.mouse.move(romeAfter.x, romeAfter.y);
  await page.mouse.wheel(0, -240);
  await settle(page);
  const zoomed = await mapView(page);
  assert.ok(zoomed.zoom > view.zoom * 1.5, `the wheel zoomed in: ${view.zoom} -> ${zoomed.zoom}`);
  const romeZoomed = (await markers(page)).find((m) => /^rome/i.test(m.name));
  if (romeZoomed) {
    assert.ok(Math.abs(romeZoomed.x - romeAfter.x) < 3 && Math.abs(romeZoomed.y - romeAfter.y) < 3,
      `Rome stays under the pointer: (${romeAfter.x}, ${romeAfter.y}) -> (${romeZoomed.x}, ${romeZoomed.y})`);
    assertPlaced(zoomed, romeZoomed);
  }

  // Redraw time of a zoom step at the world scale (110m).
  await page.keyboard.press('Escape');
  await page.focus('.map-svg');
  await page.keyboard.press('0');
  await settle(page);
  const worldSteps = [];
  for (let i = 0; i < 12; i++) worldSteps.push(await measureZoomStep(page, i % 2 ? 100 : -100));
  const worldMs = median(worldSteps.map((s) => s[0]));
  console.log(`zoom step redraw, world view: median ${worldMs.toFixed(1)} ms to layout, ${median(worldSteps.map((s) => s[1])).toFixed(1)} ms to the next frame`);

  // Click Deir ez-Zor (or select it from the places list if it sits in a cluster): the map
  // glides to Syria, the text lights the mention.
  await page.keyboard.press('0');
  await settle(page);
  let deir = (await markers(page)).find((m) => expected[0].pattern.test(m.name));
  if (deir) {
    await page.mouse.click(deir.x, deir.y);
  } else {
    await page.click('.map-cluster');
    await settle(page);
    deir = (await markers(page)).find((m) => expected[0].pattern.test(m.name));
    assert.ok(deir, 'Deir ez-Zor is a marker once its cluster opens');
    await page.mouse.click(deir.x, deir.y);
  }
  await page.waitForSelector('.article-text mark.selected');
  const lit = await page.$$eval('.article-text mark.selected', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(lit.some((t) => /deir/i.test(t)), `the text lights Deir ez-Zor: ${lit}`);
  await settle(page);
  view = await mapView(page);
  assert.ok(view.zoom >= 4, `the map zoomed to the selection: ${view.zoom}`);
  deir = (await markers(page)).find((m) => expected[0].pattern.test(m.name));
  assert.ok(deir, 'Deir ez-Zor still a marker');
  assert.ok(Math.abs(deir.lat - expected[0].lat) < 0.3 && Math.abs(deir.lon - expected[0].lon) < 0.3,
    `Deir ez-Zor at ${deir.lat}, ${deir.lon}`);
  assertPlaced(view, deir);
  assert.match(deir.label, /Syria/);
  await page.waitForFunction(() => document.querySelector('.map-svg').dataset.detail === 'true', null, { timeout: 5000 });

  // Redraw time of a zoom step with the 1:50m map.
  const detailSteps = [];
  for (let i = 0; i < 12; i++) detailSteps.push(await measureZoomStep(page, i % 2 ? 100 : -100));
  const detailMs = median(detailSteps.map((s) => s[0]));
  console.log(`zoom step redraw, Syria (50m): median ${detailMs.toFixed(1)} ms to layout, ${median(detailSteps.map((s) => s[1])).toFixed(1)} ms to the next frame`);
  await settle(page);
  await page.mouse.move(5, 5);
  const syriaShot = await shoot(page, 'map-syria.png');

  // Keyboard: arrows pan, + zooms.
  await page.focus('.map-svg');
  const beforeKeys = await mapView(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('+');
  const afterKeys = await mapView(page);
  assert.ok(afterKeys.lon > beforeKeys.lon && afterKeys.zoom > beforeKeys.zoom, 'arrow keys pan, + zooms');

  // OpenStreetMap tiles (served locally here): allowed by the CSP, credited.
  await page.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({
    status: 200, contentType: 'image/png',
    body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
  }));
  await page.click('.map-button.osm');
  await page.waitForSelector('.map-tiles image');
  assert.match(await page.getAttribute('.map-tiles image', 'href'), /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
  assert.match(await page.textContent('.map-attribution'), /© OpenStreetMap contributors/);
  await page.waitForTimeout(300);

  assert.deepEqual(page.errors, []);

  await publishScreenshot(worldShot, 'map-world.png');
  await publishScreenshot(syriaShot, 'map-syria.png');

  // The target is one frame (16 ms) on an idle machine; a shared build box doubles or
  // triples timings, so the default budget only catches regressions of that order.
  // DATELINE_REDRAW_BUDGET_MS=16 holds the strict target.
  const budget = Number(process.env.DATELINE_REDRAW_BUDGET_MS || 50);
  assert.ok(worldMs < budget && detailMs < budget,
    `a zoom step redraws within ${budget} ms: ${worldMs.toFixed(1)} / ${detailMs.toFixed(1)} ms`);
});
