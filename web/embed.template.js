// dateline embed loader. `cargo xtask build-web` writes dist/embed.js from this template,
// filling in the names of the app's hashed files (they change with every build).
//
//   <div data-dateline data-source="#article-body"></div>
//   <script type="module" src="https://example.org/dateline/embed.js"></script>
//
// Every `[data-dateline]` element gets an explorer in its shadow root, and `window.dateline`
// (ready, analyze, mount, export, searchPlaces) is installed. No eval, no inline script:
// pages with `script-src 'self' 'wasm-unsafe-eval'` load it as is.
const base = new URL('./', import.meta.url).href;
globalThis.__datelineEmbed = true;
globalThis.__datelineBase = base;
globalThis.__datelineStyles = __STYLES__.map((name) => base + name);
// Fetch the wasm while the JS glue loads, rather than after it.
const wasm = fetch(base + '__WASM__');
const glue = await import(base + '__MODULE__');
await glue.default({ module_or_path: wasm });
