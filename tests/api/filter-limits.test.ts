/**
 * Record filters (`?filter=` JSON Logic on the record list and the export) are held to the limits
 * of a definition's rules, 32 levels and 2,000 values, when the request is read: a filter nested
 * 1,100 deep is a 400 naming `/filter`, not the database's 500. Within the limits any filter
 * compiles, however wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
let desk: string;

interface Problem {
  status: number;
  code: string;
  errors: { path: string; code?: string; message: string }[];
}

async function call(token: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  const app = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(admin),
    payload: { template: 'after_sales' },
  });
  expect(app.statusCode, app.body).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
});

afterAll(async () => {
  await t.close();
});

function nested(depth: number): unknown {
  let filter: unknown = { '==': [{ var: 'status' }, 'submitted'] };
  for (let i = 0; i < depth; i++) filter = { '!': filter };
  return filter;
}

const records = (filter: unknown) =>
  `/api/v1/apps/after_sales/forms/repair_request/records?filter=${encodeURIComponent(JSON.stringify(filter))}`;
const exported = (filter: unknown) =>
  `/api/v1/apps/after_sales/forms/repair_request/export?format=csv&filter=${encodeURIComponent(JSON.stringify(filter))}`;

describe('filters have limits', () => {
  it('a record-list filter nested 1,100 deep answers 400 naming the filter', async () => {
    const res = await call(desk, records(nested(1100)));
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<Problem>();
    expect(body.code).toBe('FC_BAD_REQUEST');
    expect(body.errors).toEqual([
      {
        path: `/filter${'/!'.repeat(33)}`,
        code: 'rule.too_deep',
        message: 'A rule may nest at most 32 levels.',
      },
    ]);
  });

  it('an export with that filter answers the same 400', async () => {
    const res = await call(admin, exported(nested(1100)));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<Problem>().errors[0]).toMatchObject({ code: 'rule.too_deep' });
    expect(res.json<Problem>().errors[0]!.path.startsWith('/filter/')).toBe(true);
  });

  it('a filter of more than 2,000 parts answers 400 at /filter', async () => {
    const many = { in: [{ var: 'status' }, Array.from({ length: 2500 }, () => 1)] };
    for (const url of [records(many), exported(many)]) {
      const res = await call(admin, url);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Problem>().errors).toEqual([
        { path: '/filter', code: 'rule.too_large', message: 'A rule may have at most 2000 parts.' },
      ]);
    }
  });

  it('a filter within the limits is answered, however wide: an "or" of 1,500 operands', async () => {
    const wide = {
      or: [...Array.from({ length: 1499 }, () => false), { '==': [{ var: 'status' }, 'submitted'] }],
    };
    const res = await call(desk, records(wide));
    expect(res.statusCode, res.body).toBe(200);
    const deepest = await call(desk, records(nested(29)));
    expect(deepest.statusCode, deepest.body).toBe(200);
  });
});
