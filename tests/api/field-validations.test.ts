/**
 * Field validation rules over HTTP: a record whose discount breaks its form's rule (reading the
 * linked customer's tier) is refused with 422, naming the field path and giving the rule's own
 * message in the caller's language; nothing is stored. The same record for a VIP customer, or
 * within the limit, is stored. A bundle whose rule reads an unknown field cannot be installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
let desk: string;
const customers: Record<string, string> = {};

const bundle = {
  format: 'flowcase/app@1',
  key: 'quotes',
  name: { en: 'Quotes', zh: '报价' },
  version: 1,
  roles: [{ key: 'service_desk', name: { en: 'Desk', zh: '服务台' } }],
  forms: [
    {
      key: 'customer',
      name: { en: 'Customer', zh: '客户' },
      fields: [
        { key: 'name', type: 'text', label: { en: 'Name', zh: '名称' }, required: true },
        {
          key: 'tier',
          type: 'select',
          label: { en: 'Tier', zh: '等级' },
          options: [
            { value: 'vip', label: { en: 'VIP', zh: '贵宾' } },
            { value: 'basic', label: { en: 'Basic', zh: '普通' } },
          ],
        },
      ],
    },
    {
      key: 'quote',
      name: { en: 'Quote', zh: '报价单' },
      fields: [
        {
          key: 'customer',
          type: 'relation',
          form: 'customer',
          display: 'name',
          label: { en: 'Customer', zh: '客户' },
        },
        { key: 'amount', type: 'money', label: { en: 'Amount', zh: '金额' } },
        {
          key: 'discount',
          type: 'money',
          label: { en: 'Discount', zh: '折扣' },
          validations: [
            {
              rule: {
                or: [{ '==': [{ var: 'customer.tier' }, 'vip'] }, { '<=': [{ var: 'discount' }, 50] }],
              },
              message: { en: 'Over 50 only for VIP customers', zh: '只有贵宾客户的折扣可超过 50' },
            },
          ],
        },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown, lang?: string) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(token), ...(lang ? { 'x-flowcase-language': lang } : {}) },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  const installed = await call(admin, 'POST', '/api/v1/apps', { bundle });
  expect(installed.statusCode, installed.body).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  for (const [name, tier] of [
    ['Acme', 'vip'],
    ['Bolt', 'basic'],
  ] as const) {
    const res = await call(admin, 'POST', '/api/v1/apps/quotes/forms/customer/records', {
      data: { name, tier },
    });
    expect(res.statusCode, res.body).toBe(201);
    customers[name] = res.json<{ record: { id: string } }>().record.id;
  }
});

afterAll(async () => {
  await t?.close();
});

describe('field validation rules over HTTP', () => {
  it('refuses a record that breaks a rule with 422 at the field, in the caller’s language', async () => {
    const url = '/api/v1/apps/quotes/forms/quote/records';
    const data = { customer: customers.Bolt, amount: 1000, discount: 80 };
    const en = await call(desk, 'POST', url, { data });
    expect(en.statusCode, en.body).toBe(422);
    expect(en.json<{ errors: unknown[] }>().errors).toEqual([
      { path: '/discount', code: 'field.validation', message: 'Over 50 only for VIP customers' },
    ]);
    const zh = await call(desk, 'POST', url, { data }, 'zh');
    expect(zh.statusCode).toBe(422);
    expect(zh.json<{ errors: { message: string }[] }>().errors[0]!.message).toBe(
      '只有贵宾客户的折扣可超过 50',
    );
    const listed = await call(admin, 'GET', `${url}?limit=10`);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('stores the record when the rule holds (a VIP customer, or a small discount)', async () => {
    const url = '/api/v1/apps/quotes/forms/quote/records';
    const vip = await call(desk, 'POST', url, {
      data: { customer: customers.Acme, amount: 1000, discount: 80 },
    });
    expect(vip.statusCode, vip.body).toBe(201);
    const small = await call(desk, 'POST', url, {
      data: { customer: customers.Bolt, amount: 1000, discount: 50 },
    });
    expect(small.statusCode, small.body).toBe(201);
  });

  it('refuses to install a bundle whose rule reads a field the form does not have', async () => {
    const broken = JSON.parse(JSON.stringify(bundle)) as {
      key: string;
      forms: { fields: { validations?: { rule: unknown }[] }[] }[];
    };
    broken.key = 'quotes_broken';
    broken.forms[1]!.fields[2]!.validations![0]!.rule = { '<=': [{ var: 'discount' }, { var: 'amout' }] };
    const res = await call(admin, 'POST', '/api/v1/apps', { bundle: broken });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ code: string; errors: { path: string; code: string }[] }>()).toMatchObject({
      code: 'FC_DEFINITION_INVALID',
      errors: [{ path: '/forms/1/fields/2/validations/0/rule/<=/1/var', code: 'rule.unknown_field' }],
    });
  });
});
