/**
 * Every shipped template validates and installs in one step through `POST /api/v1/apps
 * {template}`, with its sample data, on a server that starts with no app installed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWarnings, validateBundle } from '../../engine/index.js';
import { startHarness, type Harness } from './helpers/harness.js';

const dir = path.resolve(import.meta.dirname, '../../templates');
const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
  templates: { key: string; file: string }[];
};
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ template: null });
});

afterAll(async () => {
  await h?.close();
});

describe('shipped templates', () => {
  it('lists all three', () => {
    expect(index.templates.map((t) => t.key).sort()).toEqual(['after_sales', 'repair_order', 'satisfaction']);
  });

  for (const { key, file } of index.templates) {
    it(`${key}: validates with no problem nor warning and installs with its sample data`, async () => {
      const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        key: string;
        sampleData?: Record<string, unknown[]>;
        forms: { key: string }[];
      };
      expect(validateBundle(bundle)).toEqual([]);
      expect(bundleWarnings(bundle)).toEqual([]);
      expect(bundle.key).toBe(key);
      const res = await h.call('admin', 'POST', '/api/v1/apps', { template: key });
      expect(res.statusCode, res.body).toBe(201);
      const expected = Object.values(bundle.sampleData ?? {}).reduce((n, rows) => n + rows.length, 0);
      expect(res.json<{ sampleRecords: number }>().sampleRecords).toBe(expected);
      const app = await h.call('admin', 'GET', `/api/v1/apps/${key}`);
      expect(app.statusCode).toBe(200);
      expect(app.json<{ forms: { key: string }[] }>().forms.map((f) => f.key)).toEqual(
        bundle.forms.map((f) => f.key),
      );
      for (const [form, rows] of Object.entries(bundle.sampleData ?? {})) {
        const list = await h.call('admin', 'GET', `/api/v1/apps/${key}/forms/${form}/records?limit=100`);
        expect(list.json<{ items: unknown[] }>().items).toHaveLength(rows.length);
      }
    });
  }

  it('the after-sales sample data has customers of every tier and products with warranties', async () => {
    const res = await h.call('admin', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=100');
    const tiers = new Set(res.json<{ items: { data: { tier: string } }[] }>().items.map((c) => c.data.tier));
    expect([...tiers].sort()).toEqual(['key', 'regular', 'vip']);
  });

  it('the dashboards answer for the sample set', async () => {
    for (const [app, key] of [
      ['after_sales', 'service_overview'],
      ['after_sales', 'complaint_overview'],
      ['repair_order', 'shop_overview'],
      ['satisfaction', 'survey_overview'],
    ]) {
      const res = await h.call('admin', 'GET', `/api/v1/apps/${app}/dashboards/${key}/data`);
      expect(res.statusCode, `${app}/${key}: ${res.body}`).toBe(200);
    }
  });
});
