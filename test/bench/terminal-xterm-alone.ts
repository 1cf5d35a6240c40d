/**
 * Runs inside the lab's admin desktop for `bench:terminal`: the page's own ceiling, xterm.js alone
 * in the same Chromium (no SSH, no console), COLS×ROWS as the console's terminal was and with
 * its options, writing BYTES of the bench's output (base64 lines ending in CR LF, as the PTY
 * sends them) in 128 kB writes, with at most 4 MB not yet parsed as the console's stream allows.
 * Prints one JSON line: { bytes, ms }.
 */
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { TERMINAL_STREAM_WATERMARKS } from '../../shared/terminal/terminal-flow.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const [bytes = '0', cols = '80', rows = '24'] = process.argv.slice(2);
const require = createRequire(import.meta.url);

/** A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks. */
const WRITE_ALL = `(async () => {
  const term = new Terminal({
    cols: ${Number(cols)},
    rows: ${Number(rows)},
    allowProposedApi: true,
    fontFamily: "'DejaVu Sans Mono', ui-monospace, Menlo, monospace",
    fontSize: 14,
    scrollback: 5000,
  });
  term.loadAddon(new Unicode11Addon.Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.open(document.body);
  const line = 'A'.repeat(76) + '\\r\\n';
  const chunk = new TextEncoder().encode(line.repeat(Math.floor(131072 / line.length)));
  const total = ${Number(bytes)};
  let written = 0;
  let parsed = 0;
  const started = performance.now();
  await new Promise((resolve) => {
    const pump = () => {
      while (written < total && written - parsed < ${TERMINAL_STREAM_WATERMARKS.high}) {
        written += chunk.byteLength;
        term.write(chunk, () => {
          parsed += chunk.byteLength;
          if (parsed >= written && written >= total) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  return { bytes: written, ms: performance.now() - started };
})()`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, '--disable-background-timer-throttling'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.addStyleTag({ path: require.resolve('@xterm/xterm/css/xterm.css') });
  for (const script of ['@xterm/xterm/lib/xterm.js', '@xterm/addon-unicode11/lib/addon-unicode11.js'])
    await page.addScriptTag({ path: require.resolve(script) });
  console.log(JSON.stringify(await page.evaluate(WRITE_ALL)));
} finally {
  await browser.close();
}
