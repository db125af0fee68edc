// tests/dig/html/check-html.mjs REPORT.html [NAME]: report.html driven by real clicks in
// Debian's chromium through playwright-core (full tier; ./dev test full installs both).
// Fails on any console error or uncaught exception; checks that the tables render (a first
// page of rows, more on scroll), that sorting and filtering work, that a click on an
// allocator opens its detail (API, chain, features, callers with file:line), that a click
// on a graph node does the same, and that the search box finds NAME (default: the first
// allocator's entry). Prints how long the page took to be ready (not asserted: tests never
// assert on time; bench/ and the README quote it).
import { pathToFileURL } from 'node:url';

// playwright-core from where ./dev installed it (PLAYWRIGHT_CORE: its index.mjs), else by name
const { chromium } = await import(process.env.PLAYWRIGHT_CORE ? pathToFileURL(process.env.PLAYWRIGHT_CORE).href
                                                                 : 'playwright-core');

const [page_path, wanted] = process.argv.slice(2);
let failures = 0, checks = 0;
function check(what, ok) {
  checks++;
  if (!ok) { failures++; console.log('html: ' + what); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext();
const page = await context.newPage();
const errors = [];
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.type() + ': ' + m.text()); });
page.on('pageerror', e => errors.push('exception: ' + e.message));
page.on('request', r => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push('network: ' + r.url()); });

const t0 = Date.now();
await page.goto('file://' + page_path);
await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
const ready = Date.now() - t0;

const impls = await page.$$eval('#impls tbody tr', r => r.length);
const sites = await page.$$eval('#sites tbody tr', r => r.length);
check('the implementations table has rows', impls > 0);
check('the call-sites table has rows', sites > 0);

// lazy: at most a page of rows at first; scrolling the sentinel into view adds more
await page.click('nav a[data-page="p-sites"]');
const total = await page.$eval('#sites .count', e => parseInt(e.textContent.split(' of ')[1], 10));
check('the call-sites table renders a page at a time (' + sites + ' of ' + total + ')', sites === Math.min(total, 200));
if (total > 200) {
  await page.$eval('#sites .muted', e => e.scrollIntoView());
  await page.waitForFunction(() => document.querySelectorAll('#sites tbody tr').length > 200, null, { timeout: 10000 });
  check('scrolling renders more rows', (await page.$$eval('#sites tbody tr', r => r.length)) > 200);
}

// sort by call sites (descending on first click) and filter
await page.click('nav a[data-page="p-impls"]');
await page.click('#impls th:nth-child(7)');
const calls = await page.$$eval('#impls tbody tr td:nth-child(7)', t => t.slice(0, 20).map(x => +x.textContent));
check('sorting by call sites orders the rows', calls.every((c, i) => i === 0 || calls[i - 1] >= c));
const first = await page.$eval('#impls tbody tr td:nth-child(2)', t => t.textContent);
await page.fill('#impls input', first);
const filtered = await page.$$eval('#impls tbody tr td:nth-child(2)', t => t.map(x => x.textContent));
check('filtering keeps the matching rows', filtered.length > 0 && filtered.every(x => x.indexOf(first) >= 0));

// a click on an allocator in the overview opens its detail
await page.click('nav a[data-page="p-overview"]');
const link = await page.$('#p-overview a.impl');
check('the overview links its allocators', !!link);
if (link) {
  const name = await link.textContent();
  await link.click();
  await page.waitForSelector('#detail.on', { timeout: 10000 });
  const h2 = await page.$eval('#detail h2', e => e.textContent);
  check('the detail is the clicked allocator (' + h2 + ')', h2 === name);
  const api = await page.$$eval('#detail h3', h => h.map(x => x.textContent));
  check('the detail has API, chain, features and callers', api.includes('API') && api.includes('Backend chain') &&
        api.some(x => x.startsWith('threading')) && api.some(x => x.startsWith('Callers')));
  const callers = await page.$$eval('#callers li span', s => s.map(x => x.textContent));
  check('callers are file:line', callers.length === 0 || callers.every(x => /:\d+$/.test(x)));
  await page.click('#detail .close');
}

// a click on a graph node opens the same detail
await page.click('nav a[data-page="p-graphs"]');
const node = await page.$('xpath=//*[@id="p-graphs"]//*[local-name()="a"][starts-with(@*[local-name()="href"], "#impl")]');
if (node) {
  await node.click();
  await page.waitForSelector('#detail.on', { timeout: 10000 });
  check('a graph node opens a detail', (await page.$eval('#detail h2', e => e.textContent)).length > 0);
} else {
  console.log('html: note: no graph node to click (graphviz not installed?)');
}

// search
const q = wanted || (await page.$eval('#impls tbody tr td:nth-child(2)', t => t.textContent.split(' @ ')[0]));
await page.fill('#q', q);
const hits = await page.$$eval('#matches div', d => d.map(x => x.textContent));
check('the search finds ' + q, hits.some(h => h.indexOf(q) >= 0));
await page.click('#matches div');
check('a search hit opens something', await page.$eval('#detail', e => e.classList.contains('on')) ||
      (await page.$eval('#sites input', e => e.value)) === q);

check('no console error, exception or network request: ' + errors.join(' | '), errors.length === 0);
await browser.close();
console.log(`html: ${page_path}: ready in ${ready} ms, ${impls} + ${sites} rows at first; ${checks} checks, ${failures} failed`);
process.exit(failures ? 1 : 0);
