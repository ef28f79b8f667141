/**
 * First meaningful paint of the inbox with many open tasks (not part of `npm test`: seeding takes
 * minutes). `npx tsx tests/e2e/inbox-first-paint.perf.ts 10000` seeds that many repair requests
 * (each an open intake task for the desk), signs in as the desk in Chromium and times `/inbox`
 * until the first task row shows. Measured: about 0.55 s at 10,000 open tasks on the shared
 * 2-core machine under a load average of 10.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { readConfig } from '../../runtime/config.js';
import { startServer } from '../../runtime/server.js';

const N = Number(process.argv[2] ?? 10000);
process.env.FLOWCASE_DEMO_PASSWORD = 'perf-password-1';
const dir = mkdtempSync(path.join(tmpdir(), 'fc-perf-'));
const server = await startServer(
  {
    ...readConfig({}),
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    logLevel: 'silent',
    adminPassword: 'perf-password-1',
  },
  { jobs: false },
);
const desk = (await server.services.store.getUserByUsername('desk'))!;
const actor = { id: desk.id, username: 'desk', roles: desk.roles, language: desk.language };
const customers = await server.services.cases.listRecords('after_sales', 'customers', { limit: 50 }, {
  id: 'system',
  username: 'system',
  roles: ['admin'],
} as never);
const products = await server.services.cases.listRecords('after_sales', 'products', { limit: 50 }, {
  id: 'system',
  username: 'system',
  roles: ['admin'],
} as never);
const t0 = Date.now();
for (let i = 0; i < N; i++) {
  await server.services.cases.createRecord(
    'after_sales',
    'repair_request',
    {
      customer: customers.items[i % customers.items.length]!.id,
      product: products.items[0]!.id,
      purchase_date: '2020-01-15',
      fault_category: 'phone',
      description: `Case ${i}`,
    },
    actor as never,
  );
}
console.log(`seeded ${N} in ${Date.now() - t0} ms`);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage();
await page.goto(server.url + '/');
await page.fill('#login-username', 'desk');
await page.fill('#login-password', 'perf-password-1');
await page.click('button[type=submit]');
await page.waitForSelector('[data-testid=user-name]', { state: 'attached' });
for (let run = 0; run < 3; run++) {
  const start = Date.now();
  await page.goto(server.url + '/inbox');
  await page.waitForSelector('[data-testid=task-row]');
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  console.log(
    `inbox with ${N} open tasks: first task row after ${Date.now() - start} ms (FCP ${fcp?.toFixed(0)} ms)`,
  );
}
const res = await server.app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'desk', password: 'perf-password-1' },
});
const token = res.json<{ token: string }>().token;
for (const limit of [50, 200]) {
  const s = Date.now();
  await server.app.inject({
    method: 'GET',
    url: `/api/v1/tasks?status=open&limit=${limit}`,
    headers: { authorization: `Bearer ${token}` },
  });
  console.log(`GET /tasks limit ${limit}: ${Date.now() - s} ms`);
}
await browser.close();
await server.close();
