/**
 * A large flow on the canvas (issue 21: "a 300-node flow opens, lays out and pans without
 * stutter"), the bench's 301-node flow in Chromium. A task put on a transition shows at once
 * beside the node it follows, with both its transitions, while the layout runs in the worker; no
 * transition already drawn blinks out meanwhile; then the layout puts it in line below that node,
 * at the place a reload (laid out on the page) gives it too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigApp } from '../../bench/flow-canvas.bench.js';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, RESULTS, screenshot, startE2E, type E2E } from './e2e-kit.js';

let e2e: E2E;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: bigApp() });
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const node = (page: Page, id: string) => page.locator(`[data-testid="node-${id}"]`);

/** Where a node stands relative to the start node, in screen pixels. */
async function offset(page: Page, id: string): Promise<{ dx: number; dy: number }> {
  const start = (await node(page, 's0_intake').boundingBox())!;
  const box = (await node(page, id).boundingBox())!;
  return { dx: Math.round(box.x - start.x), dy: Math.round(box.y - start.y) };
}

/**
 * Records, after every painted frame from now on, which transitions are drawn, which nodes are
 * on the canvas, and whether the worker's layout has arrived.
 */
const RECORD_FRAMES = `(() => {
  const frames = [];
  window.__frames = frames;
  const answered = () => performance.getEntriesByName('flow-layout-answer').length;
  const before = answered();
  const ids = (sel, attr) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute(attr));
  const tick = () => {
    frames.push({
      edges: ids('.react-flow__edge', 'data-id'),
      nodes: ids('.react-flow__node', 'data-id'),
      laidOut: answered() > before,
    });
    if (frames.length < 600 && !frames[frames.length - 1].laidOut) requestAnimationFrame(() => setTimeout(tick, 0));
  };
  requestAnimationFrame(() => setTimeout(tick, 0));
  return ids('.react-flow__edge', 'data-id');
})()`;

interface Frame {
  edges: string[];
  nodes: string[];
  laidOut: boolean;
}

describe('a 301-node flow on the canvas', () => {
  it('shows a node added on a transition at once, keeps every transition drawn, then lays it out in the worker', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1440, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/bench/flows/big');
    await node(page, 's0_intake').waitFor();
    await expect(page.locator('[data-testid=node-count]').innerText()).resolves.toContain('301');
    // The mini-map shows the whole flow's shape: tall and narrow as the flow, every node visible.
    await poll(() => page.locator('.react-flow__minimap-node').count()).toBe(301);
    const map = (await page.locator('.react-flow__minimap').boundingBox())!;
    expect(map.height).toBeGreaterThan(2 * map.width);
    // Its smallest node is over half a pixel high without its outline of about a pixel (it was
    // under a third of a pixel, unoutlined).
    const smallest = await page.$$eval('.react-flow__minimap-node', (rects) =>
      Math.min(...rects.map((r) => r.getBoundingClientRect()).map((b) => Math.min(b.width, b.height))),
    );
    expect(smallest).toBeGreaterThan(0.6);
    await screenshot(page, 'flow-canvas-large-minimap');
    await page
      .locator('.react-flow__minimap')
      .screenshot({ path: `${RESULTS}/e2e-flow-canvas-large-minimap-only.png` });
    const routeBefore = await offset(page, 's0_route');

    await page.click('[data-testid="edge-add-s0_intake|next"]');
    const drawn = (await page.evaluate(RECORD_FRAMES)) as string[];
    expect(drawn).toContain('s0_intake|next');
    await page.click('[data-testid=edge-menu-task]');

    // At once: the new task beside s0_intake, half a rank down, with its way in and out.
    await node(page, 'task').waitFor();
    await poll(() => page.evaluate('window.__frames.some((f) => f.laidOut)')).toBe(true);
    const frames = (await page.evaluate('window.__frames')) as Frame[];
    const shown = frames.findIndex((f) => f.nodes.includes('task'));
    expect(shown).toBeGreaterThanOrEqual(0);
    expect(frames[shown]!.laidOut).toBe(false);
    expect(frames.filter((f) => !f.laidOut).length).toBeGreaterThan(shown);
    for (const f of frames.slice(shown)) expect(f.edges).toEqual(expect.arrayContaining(['task|next']));
    // No transition drawn before the click is missing from any frame until the layout arrives.
    // (Once laid out, nodes move down and the lowest leave the view: not drawn, as intended.)
    for (const f of frames.filter((f) => !f.laidOut)) expect(f.edges).toEqual(expect.arrayContaining(drawn));

    // Then laid out: in line below s0_intake, the branch a rank further down.
    await poll(() => offset(page, 'task').then((o) => o.dx)).toBe(0);
    const task = await offset(page, 'task');
    expect(task.dy).toBeGreaterThan(0);
    expect((await offset(page, 's0_route')).dy).toBeGreaterThan(routeBefore.dy);
    const route = await offset(page, 's0_route');
    await screenshot(page, 'flow-canvas-large-added');

    // The page's own layout after a reload puts everything where the worker did.
    await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
    await page.reload();
    await node(page, 'task').waitFor();
    expect(await offset(page, 'task')).toEqual(task);
    expect(await offset(page, 's0_route')).toEqual(route);
    expect(errors).toEqual([]);
  });
});
