/**
 * A generated corpus of bad requests for the real server: malformed JSON, wrong types, huge bodies,
 * unknown fields, prototype keys, tricky content types, other users' ids, expired and garbage
 * credentials, handlebars and JSON Logic tricks in bundles and filters, and regular expressions
 * that would take a backtracking engine forever. None of them may get a 5xx or change stored data.
 */
import { approvalBundle } from './test-bundles.js';

export interface BadRequest {
  label: string;
  method: string;
  path: string;
  /** A user to send a bearer token for, or raw headers only. */
  as?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What the corpus needs to know about the server's data (all created before the "before" dump). */
export interface CorpusContext {
  /** A record of `customer`, its instance and the open intake task (assigned to the service desk). */
  recordId: string;
  instanceId: string;
  intakeTaskId: string;
  adminId: string;
  customerId: string;
  /** Tokens that must not work. */
  expiredToken: string;
  revokedToken: string;
  /** A valid token of `customer`, to send as a cookie without the CSRF header. */
  customerToken: string;
  /** A valid record body for `repair_request`, which `desk` may create. */
  validRepairRequest: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bundles are taken apart freely here
type Loose = Record<string, any>;

const json = (v: unknown): string => JSON.stringify(v);
const JSON_CT = { 'content-type': 'application/json' };

const MALFORMED = [
  '{',
  '}',
  '{"a":',
  '[1,2',
  '{"data": {"title": }}',
  'nul',
  'tru',
  '{"a":1,}',
  "{'a':1}",
  '\u0000',
  '{"a":"\\x41"}',
  '{"a":1}garbage',
  '   ',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":01}',
  '{"a":"\\u12"}',
  '{"a" 1}',
  '{"a":"unterminated}',
  '{"a":1}{"b":2}',
  '\ufeff{"a":1',
  '{"a":[}',
  '"just a string"',
  '12345',
  'null',
  '[]',
  '['.repeat(5000) + ']'.repeat(5000),
];

/** Requests (route, user) that take a JSON body and must refuse every malformed one. */
function jsonRoutes(ctx: CorpusContext): { path: string; method: string; as?: string }[] {
  return [
    { method: 'POST', path: '/api/v1/auth/login' },
    { method: 'POST', path: '/api/v1/users', as: 'admin' },
    { method: 'PATCH', path: `/api/v1/users/${ctx.customerId}`, as: 'admin' },
    { method: 'POST', path: '/api/v1/apps', as: 'admin' },
    { method: 'PUT', path: '/api/v1/apps/rel_regex/forms/probe', as: 'admin' },
    { method: 'PUT', path: '/api/v1/apps/rel_regex/flows/approval', as: 'admin' },
    { method: 'POST', path: '/api/v1/apps/after_sales/forms/repair_request/records', as: 'desk' },
    { method: 'POST', path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`, as: 'desk' },
    { method: 'POST', path: `/api/v1/tasks/${ctx.intakeTaskId}/transfer`, as: 'desk' },
    { method: 'POST', path: `/api/v1/instances/${ctx.instanceId}/events`, as: 'admin' },
    { method: 'POST', path: `/api/v1/instances/${ctx.instanceId}/cancel`, as: 'admin' },
    { method: 'POST', path: `/api/v1/records/${ctx.recordId}/backfill`, as: 'desk' },
  ];
}

function malformedJson(ctx: CorpusContext): BadRequest[] {
  return jsonRoutes(ctx).flatMap((r) =>
    MALFORMED.map((body, i) => ({
      label: `malformed JSON #${i} to ${r.method} ${r.path}`,
      ...r,
      headers: JSON_CT,
      body,
    })),
  );
}

/** Values of a JSON type that no schema coercion turns into a string or a number. */
const NOT_COERCIBLE: unknown[] = [[], [1, 'a'], {}, { a: 1 }, [[]]];

const WRONG_VALUES: unknown[] = [
  42,
  -1,
  1.5,
  true,
  null,
  '',
  'x',
  [],
  [1, 'a'],
  {},
  { a: 1 },
  '9'.repeat(400),
  1e308,
  -0,
  'NaN',
  '2024-13-45',
  '../../etc/passwd',
  '<script>alert(1)</script>',
];

/** Record data with one field of a wrong type, value or reference (every field of the repair request). */
function wrongRecordData(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  const perField: Record<string, unknown[]> = {
    customer: [42, true, [], {}, 'no-such-record', ctx.recordId, ctx.adminId],
    product: [42, 'no-such-product', ctx.customerId, null],
    purchase_date: ['yesterday', '2024-02-30', 20240101, '2024-01-01T00:00:00Z x', [], '9999-99-99'],
    intake_channel: ['carrier_pigeon', 1, ['hotline'], { value: 'hotline' }],
    service_type: ['teleport', false, null],
    fault_category: ['', 'PHONE', 7],
    description: [42, [], { text: 'x' }],
    technician: [12, ['tech']],
    photos: ['not-a-list', [1, 2], [{}]],
    serial_number: [123, { sn: 1 }, 'x'.repeat(5000)],
    quote_fee: ['100', -5, 'NaN', true],
    rating: [0, 6, 3.5, '5'],
    parts: ['x', [1], [{ part_name: 5, qty: 'two' }], [{ unknown_column: 1 }]],
  };
  for (const [field, values] of Object.entries(perField)) {
    for (const [i, value] of values.entries()) {
      out.push({
        label: `record field ${field} wrong #${i}`,
        method: 'POST',
        path: '/api/v1/apps/after_sales/forms/repair_request/records',
        as: 'desk',
        headers: JSON_CT,
        body: json({ data: { ...ctx.validRepairRequest, [field]: value } }),
      });
    }
  }
  // Required fields missing, one at a time.
  for (const field of ['customer', 'product', 'purchase_date', 'fault_category', 'description']) {
    const data = { ...ctx.validRepairRequest };
    delete data[field];
    out.push({
      label: `record without ${field}`,
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data }),
    });
  }
  for (const [i, value] of WRONG_VALUES.entries()) {
    out.push({
      label: `record data wrong #${i}`,
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: value }),
    });
  }
  return out;
}

/** Wrong types in the other bodies and in query strings. */
function wrongTypes(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  const complete = `/api/v1/tasks/${ctx.intakeTaskId}/complete`;
  const bodies: [string, string, string, unknown][] = [
    ...WRONG_VALUES.map((v): [string, string, string, unknown] => ['desk', 'POST', complete, { action: v }]),
    ...['explode', 'APPROVE', 'approve ', 'submit', 'return'].map((a): [string, string, string, unknown] => [
      'desk',
      'POST',
      complete,
      { action: a, returnTo: 'nowhere' },
    ]),
    ...WRONG_VALUES.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map(
      (v): [string, string, string, unknown] => ['desk', 'POST', complete, { action: 'approve', data: v }],
    ),
    ['desk', 'POST', complete, { action: 'approve', data: { quote_fee: 100 } }],
    ['desk', 'POST', complete, { action: 'approve', data: { status: 'closed' } }],
    ['desk', 'POST', complete, { action: 'approve', data: { customer: 'no-such-record' } }],
    ['desk', 'POST', complete, { action: 'approve', comment: { a: 1 } }],
    ['desk', 'POST', complete, { action: 'approve', comment: 'x'.repeat(6000) }],
    ['desk', 'POST', complete, { action: 'transfer', to: 'no-such-user' }],
    ['desk', 'POST', complete, { action: 'transfer' }],
    ['desk', 'POST', `/api/v1/tasks/${ctx.intakeTaskId}/transfer`, { to: 'no-such-user' }],
    ['desk', 'POST', `/api/v1/tasks/${ctx.intakeTaskId}/transfer`, { to: '' }],
    ['desk', 'POST', `/api/v1/tasks/${ctx.intakeTaskId}/transfer`, { to: 42 }],
    ...WRONG_VALUES.map((v): [string, string, string, unknown] => [
      'admin',
      'POST',
      `/api/v1/instances/${ctx.instanceId}/events`,
      { name: v },
    ]),
    ...['UPPER', 'payment confirmed', '9start', 'a'.repeat(200), '../x'].map(
      (n): [string, string, string, unknown] => [
        'admin',
        'POST',
        `/api/v1/instances/${ctx.instanceId}/events`,
        { name: n },
      ],
    ),
    ...[[], 'x', 5, null].map((p): [string, string, string, unknown] => [
      'admin',
      'POST',
      `/api/v1/instances/${ctx.instanceId}/events`,
      { name: 'payment.confirmed', payload: p },
    ]),
    [
      'admin',
      'POST',
      `/api/v1/instances/${ctx.instanceId}/events`,
      { name: 'payment.confirmed', payload: { payment_amount: 'lots' } },
    ],
    ...WRONG_VALUES.map((v): [string, string, string, unknown] => [
      'nobody',
      'POST',
      '/api/v1/auth/login',
      { username: v, password: v },
    ]),
    ...NOT_COERCIBLE.map((v): [string, string, string, unknown] => [
      'admin',
      'POST',
      '/api/v1/users',
      { username: v, password: 'corpus-Secret-42x' },
    ]),
    ['admin', 'POST', '/api/v1/users', { username: 'ok_name', password: 'short' }],
    [
      'admin',
      'POST',
      '/api/v1/users',
      { username: 'ok_name', password: 'corpus-Secret-42x', roles: ['no_such_role'] },
    ],
    [
      'admin',
      'POST',
      '/api/v1/users',
      { username: 'ok_name', password: 'corpus-Secret-42x', language: 'fr' },
    ],
    ['admin', 'POST', '/api/v1/users', { username: 'admin', password: 'corpus-Secret-42x' }],
    ['admin', 'PATCH', `/api/v1/users/${ctx.customerId}`, { roles: ['no_such_role'] }],
    ['admin', 'PATCH', `/api/v1/users/${ctx.customerId}`, { disabled: 'yes' }],
    ['admin', 'PATCH', '/api/v1/users/no-such-user', { displayName: 'x' }],
    ...WRONG_VALUES.map((v): [string, string, string, unknown] => [
      'admin',
      'POST',
      '/api/v1/apps',
      { template: v },
    ]),
    ['admin', 'POST', '/api/v1/apps', { template: 'no_such_template' }],
    ['admin', 'POST', '/api/v1/apps', { template: 'after_sales' }],
    ['admin', 'POST', '/api/v1/apps', { template: 'after_sales', bundle: {} }],
    ['admin', 'POST', '/api/v1/apps', {}],
    ...WRONG_VALUES.map((v): [string, string, string, unknown] => [
      'admin',
      'POST',
      '/api/v1/apps',
      { bundle: v },
    ]),
    ['desk', 'POST', `/api/v1/records/${ctx.recordId}/backfill`, { node: 'intake', data: { quote_fee: 5 } }],
    ['desk', 'POST', `/api/v1/records/${ctx.recordId}/backfill`, { node: 'no_such_node', data: {} }],
  ];
  for (const [i, [as, method, path, body]] of bodies.entries()) {
    out.push({
      label: `wrong type #${i} ${method} ${path}`,
      method,
      path,
      ...(as === 'nobody' ? {} : { as }),
      headers: JSON_CT,
      body: json(body),
    });
  }
  const queries = [
    '/api/v1/tasks?status=weird',
    '/api/v1/tasks?limit=-1',
    '/api/v1/tasks?limit=abc',
    '/api/v1/tasks?limit=100000',
    '/api/v1/tasks?cursor=garbage',
    `/api/v1/tasks?cursor=${'x'.repeat(3000)}`,
    '/api/v1/tasks?unknown=1',
    '/api/v1/apps/after_sales/forms/repair_request/records?limit=0',
    '/api/v1/apps/after_sales/forms/repair_request/records?limit=1e3',
    '/api/v1/apps/after_sales/forms/repair_request/records?cursor=eyJmb28iOiJiYXIifQ',
    '/api/v1/apps/after_sales/forms/repair_request/records?cursor=%00%01',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=-',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=rma_no;drop%20table%20users',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=__proto__',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=constructor',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=no_such_field',
    '/api/v1/apps/after_sales/forms/repair_request/records?sort=data-%3E%3E%27x%27',
    '/api/v1/apps/after_sales/forms/no_such_form/records',
    '/api/v1/apps/no_such_app/forms/repair_request/records',
    '/api/v1/apps/After_Sales/forms/repair_request/records',
    '/api/v1/notifications?limit=-5',
    '/api/v1/notifications?unread=maybe',
    '/api/v1/apps/after_sales/forms/repair_request/export?format=pdf',
    '/api/v1/apps/after_sales/dashboards/no_such_dashboard/data',
    '/api/v1/apps/after_sales/forms/repair_request/records?__proto__[admin]=1',
    '/api/v1/tasks?status=open&status=done',
  ];
  for (const [i, q] of queries.entries())
    out.push({ label: `query #${i} ${q.slice(0, 80)}`, method: 'GET', path: q, as: 'desk' });
  return out;
}

function hugeBodies(ctx: CorpusContext): BadRequest[] {
  const big = (n: number) => 'x'.repeat(n);
  const manyKeys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
  const deep = (n: number): unknown => (n === 0 ? 'leaf' : { a: deep(n - 1) });
  return [
    {
      label: 'users body of 2 MB',
      method: 'POST',
      path: '/api/v1/users',
      as: 'admin',
      headers: JSON_CT,
      body: json({ username: 'big', password: big(2_000_000) }),
    },
    {
      label: 'bundle of 5 MB',
      method: 'POST',
      path: '/api/v1/apps',
      as: 'admin',
      headers: JSON_CT,
      body: json({ bundle: { ...approvalBundle('huge_one'), padding: big(5_000_000) } }),
    },
    {
      label: 'record of 1.5 MB',
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, description: big(1_500_000) } }),
    },
    {
      label: 'record with 50,000 unknown keys',
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, ...manyKeys } }),
    },
    {
      label: 'record with a 100,000-item table',
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, parts: Array.from({ length: 100_000 }, () => ({})) } }),
    },
    {
      label: 'record nested 2,000 deep',
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, description: deep(2000) } }),
    },
    {
      label: 'event payload nested 2,000 deep',
      method: 'POST',
      path: `/api/v1/instances/${ctx.instanceId}/events`,
      as: 'admin',
      headers: JSON_CT,
      body: json({ name: 'payment.confirmed', payload: deep(2000) }),
    },
    {
      label: 'completion with 1.2 MB of data',
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
      as: 'desk',
      headers: JSON_CT,
      body: json({ action: 'approve', data: { description: big(1_200_000) } }),
    },
    {
      label: 'bundle with 20,000 forms',
      method: 'POST',
      path: '/api/v1/apps',
      as: 'admin',
      headers: JSON_CT,
      body: json({
        bundle: {
          ...approvalBundle('many_forms'),
          forms: Array.from({ length: 20_000 }, (_, i) => ({ key: `f${i}`, name: 'f', fields: [] })),
        },
      }),
    },
    {
      label: 'a 60 kB header',
      method: 'GET',
      path: '/api/v1/tasks',
      as: 'desk',
      headers: { 'x-padding': big(60_000) },
    },
    { label: 'a 20 kB URL', method: 'GET', path: `/api/v1/records/${big(20_000)}`, as: 'desk' },
    {
      label: 'a 5 kB filter',
      method: 'GET',
      path: `/api/v1/apps/after_sales/forms/repair_request/records?filter=${encodeURIComponent(json({ in: [{ var: 'status' }, Array.from({ length: 600 }, (_, i) => `s${i}`)] }))}`,
      as: 'desk',
    },
    {
      label: 'a 12 kB filter',
      method: 'GET',
      path: `/api/v1/apps/after_sales/forms/repair_request/records?filter=${encodeURIComponent(json({ in: [{ var: 'status' }, Array.from({ length: 1500 }, (_, i) => `s${i}`)] }))}`,
      as: 'desk',
    },
  ];
}

/** Unknown fields inside record data and inside bundles (both validated by the engine, not by the route schema). */
function unknownFields(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  for (const [i, extra] of [
    { no_such_field: 1 },
    { constructor: 'x' },
    { toString: 'x' },
    { hasOwnProperty: 1 },
    { valueOf: {} },
    { __defineGetter__: 1 },
  ].entries()) {
    out.push({
      label: `unknown field in record data #${i}`,
      method: 'POST',
      path: '/api/v1/apps/after_sales/forms/repair_request/records',
      as: 'desk',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, ...extra } }),
    });
  }
  const bundle = approvalBundle('unknown_prop_app') as {
    forms: Record<string, unknown>[];
    flows: { nodes: Record<string, Record<string, unknown>> }[];
  };
  const variants: [string, unknown][] = [
    ['top', { ...bundle, surprise: 1 }],
    ['form', { ...bundle, forms: [{ ...bundle.forms[0], surprise: 1 }] }],
    [
      'node',
      {
        ...bundle,
        flows: [
          {
            ...bundle.flows[0],
            nodes: { ...bundle.flows[0]!.nodes, review: { ...bundle.flows[0]!.nodes.review, surprise: 1 } },
          },
        ],
      },
    ],
    [
      'node type',
      {
        ...bundle,
        flows: [
          {
            ...bundle.flows[0],
            nodes: {
              ...bundle.flows[0]!.nodes,
              review: { ...bundle.flows[0]!.nodes.review, type: 'script' },
            },
          },
        ],
      },
    ],
  ];
  for (const [where, b] of variants)
    out.push({
      label: `bundle with unknown ${where} property`,
      method: 'POST',
      path: '/api/v1/apps',
      as: 'admin',
      headers: JSON_CT,
      body: json({ bundle: b }),
    });
  return out;
}

/**
 * Wrong bodies that schema coercion would turn into right ones (`42` → `"42"`, `"admin"` →
 * `["admin"]`) or unknown properties that schema stripping would drop: both must be refused.
 */
export function coercibleRequests(ctx: CorpusContext): BadRequest[] {
  const valid: [string, string, string, Record<string, unknown>][] = [
    [
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      { data: ctx.validRepairRequest },
    ],
    ['admin', 'POST', '/api/v1/users', { username: 'unknown_field_user', password: 'corpus-Secret-42x' }],
    ['admin', 'PATCH', `/api/v1/users/${ctx.customerId}`, { displayName: 'Renamed' }],
    ['admin', 'POST', '/api/v1/apps', { bundle: approvalBundle('unknown_field_app') }],
  ];
  const out: BadRequest[] = [];
  for (const [as, method, path, body] of valid) {
    out.push({
      label: `unknown property on ${method} ${path}`,
      method,
      path,
      as,
      headers: JSON_CT,
      body: json({ ...body, isAdmin: true }),
    });
  }
  out.push({
    label: 'roles "admin" (not a list)',
    method: 'POST',
    path: '/api/v1/users',
    as: 'admin',
    headers: JSON_CT,
    body: json({ username: 'coerced_admin', password: 'corpus-Secret-42x', roles: 'admin' }),
  });
  out.push({
    label: 'cancel reason 42 (not a string)',
    method: 'POST',
    path: `/api/v1/instances/${ctx.instanceId}/cancel`,
    as: 'admin',
    headers: JSON_CT,
    body: json({ reason: 42 }),
  });
  for (const v of [42, true, 1.5])
    out.push({
      label: `username ${JSON.stringify(v)} (not a string)`,
      method: 'POST',
      path: '/api/v1/users',
      as: 'admin',
      headers: JSON_CT,
      body: json({ username: v, password: 'corpus-Secret-42x' }),
    });
  return out;
}

/** Record fields that name users, records and files that do not exist (or are of the wrong kind). */
export function danglingReferenceRequests(ctx: CorpusContext): BadRequest[] {
  const refs: [string, unknown][] = [
    ['technician', 'no-such-user'],
    ['technician', ctx.recordId],
    ['photos', ['no-such-file']],
  ];
  return refs.map(([field, value]) => ({
    label: `record ${field} ${JSON.stringify(value)} refers to nothing`,
    method: 'POST',
    path: '/api/v1/apps/after_sales/forms/repair_request/records',
    as: 'desk',
    headers: JSON_CT,
    body: json({ data: { ...ctx.validRepairRequest, [field]: value } }),
  }));
}

/** `__proto__` and `constructor.prototype` keys wherever a body goes (raw text: JSON.stringify would drop them). */
function prototypeKeys(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  const poisons = [
    '"__proto__":{"isAdmin":true,"roles":["admin"]}',
    '"constructor":{"prototype":{"isAdmin":true}}',
    '"__proto__":null',
    '"__proto__":[]',
    '"\\u005f_proto__":{"x":1}',
  ];
  const data = json(ctx.validRepairRequest).slice(1, -1);
  const templates: [string, string, string, (p: string) => string][] = [
    [
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      (p) => `{${p},"data":{${data}}}`,
    ],
    [
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      (p) => `{"data":{${data},${p}}}`,
    ],
    [
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      (p) => `{"data":{${data},"address":{${p}}}}`,
    ],
    ['desk', 'POST', `/api/v1/tasks/${ctx.intakeTaskId}/complete`, (p) => `{"action":"approve",${p}}`],
    [
      'desk',
      'POST',
      `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
      (p) => `{"action":"approve","data":{${p}}}`,
    ],
    [
      'admin',
      'POST',
      `/api/v1/instances/${ctx.instanceId}/events`,
      (p) => `{"name":"payment.confirmed","payload":{${p}}}`,
    ],
    [
      'admin',
      'POST',
      '/api/v1/users',
      (p) => `{"username":"proto_user","password":"corpus-Secret-42x",${p}}`,
    ],
    ['admin', 'PATCH', `/api/v1/users/${ctx.customerId}`, (p) => `{${p}}`],
    [
      'admin',
      'POST',
      '/api/v1/apps',
      (p) => `{"bundle":{${json(approvalBundle('proto_app')).slice(1, -1)},${p}}}`,
    ],
    [
      'admin',
      'POST',
      '/api/v1/apps',
      (p) => `{"bundle":${json(approvalBundle('proto_app2')).replace('"fields":[', `"fields":[{${p}},`)}}`,
    ],
    ['nobody', 'POST', '/api/v1/auth/login', (p) => `{"username":"admin","password":"wrong-password",${p}}`],
  ];
  for (const [t, [as, method, path, body]] of templates.entries()) {
    for (const [i, p] of poisons.entries())
      out.push({
        label: `prototype key #${i} in template #${t} (${method} ${path})`,
        method,
        path,
        ...(as === 'nobody' ? {} : { as }),
        headers: JSON_CT,
        body: body(p),
      });
  }
  return out;
}

/** Content types other than JSON, with bodies that would be valid JSON requests: none may be acted on. */
function contentTypes(ctx: CorpusContext): BadRequest[] {
  const refused = [
    'text/plain',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=----x',
    'application/octet-stream',
    'image/png',
    'application/jsonx',
    'json',
    'application/json-patch+json',
    'application/ld+json',
    'application/javascript',
    '*/*',
    'application/*',
    '',
  ];
  const actions: [string, string, string, unknown][] = [
    [
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      { data: ctx.validRepairRequest },
    ],
    ['desk', 'POST', `/api/v1/tasks/${ctx.intakeTaskId}/complete`, { action: 'approve' }],
    ['admin', 'POST', '/api/v1/users', { username: 'ctype_user', password: 'corpus-Secret-42x' }],
    ['admin', 'POST', `/api/v1/instances/${ctx.instanceId}/cancel`, { reason: 'content type' }],
  ];
  const out: BadRequest[] = [];
  for (const [as, method, path, body] of actions) {
    for (const ct of refused) {
      const text = ct === 'application/x-www-form-urlencoded' ? 'action=approve&data[x]=1' : json(body);
      out.push({
        label: `content type "${ct}" on ${method} ${path}`,
        method,
        path,
        as,
        headers: ct ? { 'content-type': ct } : {},
        body: text,
      });
    }
  }
  // JSON-looking content types with bodies that are wrong anyway: parsed or refused, never a 5xx.
  const odd = [
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'application/json; charset=bogus',
    'APPLICATION/JSON',
    'application/json ; x=y',
    'application/json\t',
    'application/json;;',
    'application/problem+json',
    'application/json, text/plain',
  ];
  for (const ct of odd) {
    out.push({
      label: `odd JSON content type "${ct}"`,
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
      as: 'desk',
      headers: { 'content-type': ct },
      body: json({ action: 'explode' }),
    });
    out.push({
      label: `odd JSON content type "${ct}" with malformed body`,
      method: 'POST',
      path: '/api/v1/users',
      as: 'admin',
      headers: { 'content-type': ct },
      body: '{"username":',
    });
  }
  // A multipart upload that lies about itself.
  const boundary = '----flowcase';
  const lies: [string, string][] = [
    [
      'no file part',
      `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\nvalue\r\n--${boundary}--\r\n`,
    ],
    [
      'unterminated',
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello`,
    ],
    [
      'an executable',
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="run.exe"\r\nContent-Type: application/x-msdownload\r\n\r\nMZ\u0090\u0000\r\n--${boundary}--\r\n`,
    ],
    [
      'a path in the name',
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\nContent-Type: text/html\r\n\r\n<script>x</script>\r\n--${boundary}--\r\n`,
    ],
    [
      'two files',
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.exe"\r\nContent-Type: application/x-msdownload\r\n\r\nMZ\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.exe"\r\nContent-Type: application/x-msdownload\r\n\r\nMZ\r\n--${boundary}--\r\n`,
    ],
    ['garbage', 'this is not multipart at all'],
  ];
  for (const [what, body] of lies)
    out.push({
      label: `multipart upload: ${what}`,
      method: 'POST',
      path: '/api/v1/files',
      as: 'desk',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
  out.push({
    label: 'upload as JSON',
    method: 'POST',
    path: '/api/v1/files',
    as: 'desk',
    headers: JSON_CT,
    body: json({ file: 'x' }),
  });
  return out;
}

/** Acting on other people's things, and ids that are not ids. */
function otherUsers(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  const approve = json({ action: 'approve' });
  // Users who are not assignees of the desk's intake task.
  for (const as of ['customer', 'customer2', 'tech', 'cashier', 'shipper', 'qa', 'supervisor', 'ops']) {
    out.push({
      label: `${as} completes the desk's task`,
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
      as,
      headers: JSON_CT,
      body: approve,
    });
    out.push({
      label: `${as} rejects the desk's task`,
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
      as,
      headers: JSON_CT,
      body: json({ action: 'reject', data: { reject_reason: 'mine now' } }),
    });
    out.push({
      label: `${as} transfers the desk's task to themselves`,
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/transfer`,
      as,
      headers: JSON_CT,
      body: json({ to: as }),
    });
    out.push({
      label: `${as} cancels the case`,
      method: 'POST',
      path: `/api/v1/instances/${ctx.instanceId}/cancel`,
      as,
      headers: JSON_CT,
      body: json({ reason: 'because' }),
    });
    out.push({
      label: `${as} creates a user`,
      method: 'POST',
      path: '/api/v1/users',
      as,
      headers: JSON_CT,
      body: json({ username: `made_by_${as}`, password: 'corpus-Secret-42x', roles: ['admin'] }),
    });
    out.push({
      label: `${as} makes themselves admin`,
      method: 'PATCH',
      path: `/api/v1/users/${ctx.customerId}`,
      as,
      headers: JSON_CT,
      body: json({ roles: ['admin'] }),
    });
    out.push({
      label: `${as} installs an app`,
      method: 'POST',
      path: '/api/v1/apps',
      as,
      headers: JSON_CT,
      body: json({ bundle: approvalBundle(`by_${as}`) }),
    });
    out.push({ label: `${as} lists users`, method: 'GET', path: '/api/v1/users', as });
    out.push({ label: `${as} reads the draft`, method: 'GET', path: '/api/v1/apps/rel_regex/draft', as });
    out.push({ label: `${as} publishes`, method: 'POST', path: '/api/v1/apps/rel_regex/publish', as });
    out.push({
      label: `${as} saves a draft form`,
      method: 'PUT',
      path: '/api/v1/apps/rel_regex/forms/probe',
      as,
      headers: JSON_CT,
      body: json({ key: 'probe', name: 'p', fields: [] }),
    });
    out.push({
      label: `${as} retries an incident`,
      method: 'POST',
      path: '/api/v1/incidents/no-such-incident/retry',
      as,
    });
  }
  out.push({
    label: 'customer2 reads the customer\u2019s record',
    method: 'GET',
    path: `/api/v1/records/${ctx.recordId}`,
    as: 'customer2',
  });
  out.push({
    label: 'customer2 backfills the customer\u2019s record',
    method: 'POST',
    path: `/api/v1/records/${ctx.recordId}/backfill`,
    as: 'customer2',
    headers: JSON_CT,
    body: json({ node: 'intake', data: { serial_number: 'X' } }),
  });
  out.push({
    label: 'a customer creates base data',
    method: 'POST',
    path: '/api/v1/apps/after_sales/forms/products/records',
    as: 'customer',
    headers: JSON_CT,
    body: json({ data: { name: 'Free phone', category: 'phone', warranty_months: 120 } }),
  });
  out.push({
    label: 'a technician creates customers',
    method: 'POST',
    path: '/api/v1/apps/after_sales/forms/customers/records',
    as: 'tech',
    headers: JSON_CT,
    body: json({ data: { name: 'X', phone: '+86 138-0000-0000', tier: 'vip' } }),
  });
  // Ids that do not exist or are not ids.
  const ids = [
    'no-such-id',
    '00000000-0000-0000-0000-000000000000',
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'a%00b',
    '%E2%80%AE',
    "1' OR '1'='1",
    '1;DROP TABLE tasks',
    '%7B%7D',
    'x'.repeat(101),
    ctx.recordId,
    ctx.customerId,
  ];
  for (const id of ids) {
    out.push({
      label: `complete task ${id.slice(0, 30)}`,
      method: 'POST',
      path: `/api/v1/tasks/${id}/complete`,
      as: 'desk',
      headers: JSON_CT,
      body: approve,
    });
    out.push({
      label: `event to instance ${id.slice(0, 30)}`,
      method: 'POST',
      path: `/api/v1/instances/${id}/events`,
      as: 'admin',
      headers: JSON_CT,
      body: json({ name: 'payment.confirmed', payload: {} }),
    });
    out.push({
      label: `cancel instance ${id.slice(0, 30)}`,
      method: 'POST',
      path: `/api/v1/instances/${id}/cancel`,
      as: 'admin',
      headers: JSON_CT,
      body: json({}),
    });
    out.push({
      label: `read record ${id.slice(0, 30)}`,
      method: 'GET',
      path: `/api/v1/records/${id}`,
      as: 'customer2',
    });
    out.push({
      label: `read file ${id.slice(0, 30)}`,
      method: 'GET',
      path: `/api/v1/files/${id}`,
      as: 'customer2',
    });
    out.push({
      label: `patch user ${id.slice(0, 30)}`,
      method: 'PATCH',
      path: `/api/v1/users/${id}`,
      as: 'customer',
      headers: JSON_CT,
      body: json({ roles: ['admin'] }),
    });
  }
  return out;
}

/** Credentials that must not work, on reads and writes alike. */
function badCredentials(ctx: CorpusContext): BadRequest[] {
  const authHeaders = [
    `Bearer ${ctx.expiredToken}`,
    `Bearer ${ctx.revokedToken}`,
    'Bearer ',
    'Bearer',
    'Bearer null',
    'Bearer undefined',
    `Bearer ${'0'.repeat(64)}`,
    `Bearer ${'A'.repeat(10_000)}`,
    'Bearer a b c',
    'Bearer \u00e9\u00e8',
    `Basic ${Buffer.from('admin:admin-password-1').toString('base64')}`,
    `Token ${ctx.customerToken}`,
    `Bearer ${ctx.customerToken}x`,
    `Bearer ${ctx.customerToken.slice(0, -1)}`,
    `Bearer ${ctx.customerToken.toUpperCase()}`,
    `Bearer  ${ctx.expiredToken}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
    'Bearer ../../../../etc/passwd',
  ];
  const routes: [string, string, string | undefined][] = [
    ['GET', '/api/v1/auth/me', undefined],
    ['GET', '/api/v1/tasks', undefined],
    ['GET', `/api/v1/records/${ctx.recordId}`, undefined],
    ['POST', '/api/v1/apps/after_sales/forms/repair_request/records', json({ data: ctx.validRepairRequest })],
    ['POST', `/api/v1/tasks/${ctx.intakeTaskId}/complete`, json({ action: 'approve' })],
    ['POST', `/api/v1/instances/${ctx.instanceId}/cancel`, json({ reason: 'x' })],
    [
      'POST',
      '/api/v1/users',
      json({ username: 'cred_user', password: 'corpus-Secret-42x', roles: ['admin'] }),
    ],
    ['POST', '/api/v1/auth/logout', undefined],
  ];
  const out: BadRequest[] = [];
  for (const [method, path, body] of routes) {
    for (const [i, authorization] of authHeaders.entries()) {
      out.push({
        label: `auth header #${i} on ${method} ${path}`,
        method,
        path,
        headers: { authorization, ...(body ? JSON_CT : {}) },
        ...(body ? { body } : {}),
      });
    }
    // A real session cookie without (or with a wrong) CSRF token must not change anything.
    if (method !== 'GET') {
      out.push({
        label: `cookie session without CSRF on ${method} ${path}`,
        method,
        path,
        headers: { cookie: `flowcase_session=${ctx.customerToken}`, ...(body ? JSON_CT : {}) },
        ...(body ? { body } : {}),
      });
      out.push({
        label: `cookie session with a wrong CSRF on ${method} ${path}`,
        method,
        path,
        headers: {
          cookie: `flowcase_session=${ctx.customerToken}; flowcase_csrf=abc`,
          'x-csrf-token': 'abc',
          ...(body ? JSON_CT : {}),
        },
        ...(body ? { body } : {}),
      });
    }
    out.push({
      label: `expired cookie on ${method} ${path}`,
      method,
      path,
      headers: { cookie: `flowcase_session=${ctx.expiredToken}`, ...(body ? JSON_CT : {}) },
      ...(body ? { body } : {}),
    });
    out.push({
      label: `garbage cookie on ${method} ${path}`,
      method,
      path,
      headers: { cookie: 'flowcase_session=%%%; ;;=; flowcase_session', ...(body ? JSON_CT : {}) },
      ...(body ? { body } : {}),
    });
    out.push({
      label: `no credentials on ${method} ${path}`,
      method,
      path,
      headers: body ? JSON_CT : {},
      ...(body ? { body } : {}),
    });
  }
  for (const [i, creds] of [
    { username: 'admin', password: 'wrong-password' },
    { username: 'admin', password: '' },
    { username: 'admin', password: 'x'.repeat(100_000) },
    { username: 'no_such_user', password: 'corpus-Secret-42x' },
    { username: 'ADMIN', password: 'admin-password-1 ' },
    { username: "admin' --", password: 'x' },
    { username: 'admin\u0000', password: 'admin-password-1' },
  ].entries()) {
    out.push({
      label: `bad login #${i}`,
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: JSON_CT,
      body: json(creds),
    });
  }
  return out;
}

/** A valid base bundle with one thing replaced; a fresh key so only that thing can be the problem. */
function bundleWith(key: string, mutate: (b: Loose) => void): string {
  const b = approvalBundle(key) as Loose;
  b.forms[0].fields.push({ key: 'code', type: 'text', label: 'Code' });
  b.flows[0].nodes.review.next = 'tell';
  b.flows[0].nodes.tell = {
    type: 'notify',
    name: 'Tell',
    to: [{ role: 'reviewer' }],
    channel: 'inapp',
    subject: 'Request {{title}}',
    template: 'Approved: {{title}}',
    next: 'approved',
  };
  mutate(b);
  return json({ bundle: b });
}

const TEMPLATE_TRICKS = [
  '{{{title}}}',
  '{{& title}}',
  '{{> partial}}',
  '{{#> layout}}x{{/layout}}',
  '{{#each forms as |f|}}{{f}}{{/each}}',
  '{{lookup this "constructor"}}',
  '{{lookup (lookup this "constructor") "constructor"}}',
  '{{constructor.constructor}}',
  '{{title.constructor.name}}',
  '{{__proto__}}',
  '{{title.__proto__.polluted}}',
  '{{this.constructor.prototype}}',
  '{{toString}}',
  '{{title.__lookupGetter__}}',
  '{{log "leak"}}',
  '{{helperMissing}}',
  '{{blockHelperMissing "x"}}',
  '{{#with (lookup this "constructor")}}{{name}}{{/with}}',
  '{{@secret}}',
  '{{*decorator}}',
  '{{#*inline "p"}}x{{/inline}}',
  '{{#if title}}unclosed',
  '{{/if}}',
  '{{title',
  '{{no_such_field}}',
  '{{#each}}{{/each}}',
  '{{#if}}{{/if}}',
  '{{#if a b}}{{/if}}',
  '{{"constructor"}}',
  '{{[constructor]}}',
  '{{this.[__proto__]}}',
  '{{../../../../etc}}',
  '{{#each title}}{{this.constructor.constructor "return process"}}{{/each}}',
  '{{#if title}}'.repeat(40) + '{{/if}}'.repeat(40),
  'x'.repeat(25_000),
  '{{!-- unterminated comment',
  '{{=<% %>=}}',
];

/** `{op: [{op: [… 1 …]}]}`, `depth` levels deep. */
function nested(op: string, depth: number): unknown {
  let rule: unknown = 1;
  for (let i = 0; i < depth; i++) rule = { [op]: [rule] };
  return rule;
}

const LOGIC_TRICKS: unknown[] = [
  { method: ['', 'constructor'] },
  { method: [{ var: 'title' }, 'toString'] },
  { var: 'constructor.constructor' },
  { var: '__proto__' },
  { var: ['__proto__.polluted'] },
  { var: { cat: ['__pro', 'to__'] } },
  { var: { var: 'title' } },
  { eval: 'process.exit(1)' },
  { no_such_op: [1] },
  { log: 'leak' },
  { map: [{ var: 'title' }, { method: [{ var: '' }, 'constructor'] }] },
  { reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { method: ['', 'valueOf'] }] },
  { substr: [{ var: 'title' }, 'x', { var: 'constructor' }] },
  { cat: Array.from({ length: 5000 }, () => 'x') },
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  nested('!!', 40),
  nested('if', 300),
];

/** Odd but allowed rules: fine in a definition, and never a 5xx as a list filter. */
const ODD_RULES: unknown[] = [
  { '==': [{ var: 'title' }] },
  { if: [] },
  { date_add: ['not a date', 'P1D'] },
  { date_add: [{ var: 'status' }, 'PT999999999999H'] },
  { in: ['a'] },
  'just a string',
  [1, 2, 3],
  { var: 'no_such_field' },
  { '<': [{ var: 'quote_fee' }, 'abc'] },
];

const BAD_PATTERNS = [
  '(a)\\1',
  '(?=a)a',
  '(?<=a)b',
  '(?<!a)b',
  '(?!a)b',
  '\\k<x>(?<x>a)',
  '((a)',
  '[',
  '*a',
  'a{1,100000}',
  '(?i',
  '\\',
  'a**',
  '(?<name>a)\\k<name>',
  '[z-a]',
  '\\p{NoSuchClass}',
  '(?#comment)',
  '\\Z\\z\\G',
];

/** Bundles and drafts with unsafe templates, rule tricks and patterns only a backtracking engine could run. */
function definitionTricks(): BadRequest[] {
  const out: BadRequest[] = [];
  let n = 0;
  const install = (label: string, mutate: (b: Loose) => void): void => {
    n += 1;
    out.push({
      label,
      method: 'POST',
      path: '/api/v1/apps',
      as: 'admin',
      headers: JSON_CT,
      body: bundleWith(`bad_${n}`, mutate),
    });
  };
  for (const [i, t] of TEMPLATE_TRICKS.entries()) {
    install(`template trick #${i} in a notify template`, (b) => (b.flows[0].nodes.tell.template = t));
    install(
      `template trick #${i} in a notify subject`,
      (b) => (b.flows[0].nodes.tell.subject = { en: t, zh: 'ok' }),
    );
    install(`template trick #${i} in a webhook body`, (b) => {
      b.flows[0].nodes.tell = {
        type: 'webhook',
        name: 'Call',
        url: 'http://127.0.0.1:9/x',
        body: t,
        next: 'approved',
      };
    });
    out.push({
      label: `template trick #${i} in a draft flow`,
      method: 'PUT',
      path: '/api/v1/apps/rel_regex/flows/approval',
      as: 'admin',
      headers: JSON_CT,
      body: draftFlowWithTemplate(t),
    });
  }
  for (const [i, rule] of LOGIC_TRICKS.entries()) {
    install(`rule trick #${i} in a branch`, (b) => {
      b.flows[0].nodes.review.next = 'decide';
      b.flows[0].nodes.decide = {
        type: 'branch',
        name: 'Decide',
        cases: [{ when: rule, next: 'approved' }],
        default: 'tell',
      };
    });
    install(`rule trick #${i} in visibleIf`, (b) => (b.forms[0].fields[1].visibleIf = rule));
    install(`rule trick #${i} in a formula`, (b) => (b.forms[0].fields[1].formula = rule));
    install(
      `rule trick #${i} in a dashboard filter`,
      (b) =>
        (b.dashboards = [
          {
            key: 'd',
            name: 'D',
            widgets: [{ key: 'w', type: 'kpi', form: 'request', filter: rule, measures: [{ op: 'count' }] }],
          },
        ]),
    );
    out.push({
      label: `rule trick #${i} as a list filter`,
      method: 'GET',
      path: `/api/v1/apps/after_sales/forms/repair_request/records?filter=${encodeURIComponent(json(rule))}`,
      as: 'desk',
    });
    out.push({
      label: `rule trick #${i} as an export filter`,
      method: 'GET',
      path: `/api/v1/apps/after_sales/forms/repair_request/export?format=csv&filter=${encodeURIComponent(json(rule))}`,
      as: 'admin',
    });
  }
  for (const [i, rule] of ODD_RULES.entries()) {
    out.push({
      label: `odd rule #${i} as a list filter`,
      method: 'GET',
      path: `/api/v1/apps/after_sales/forms/repair_request/records?filter=${encodeURIComponent(json(rule))}`,
      as: 'desk',
    });
  }
  for (const [i, p] of BAD_PATTERNS.entries()) {
    install(`pattern #${i} ${p}`, (b) => (b.forms[0].fields[2].pattern = p));
    out.push({
      label: `pattern #${i} in a draft form`,
      method: 'PUT',
      path: '/api/v1/apps/rel_regex/forms/probe',
      as: 'admin',
      headers: JSON_CT,
      body: json({
        key: 'probe',
        name: 'Probe',
        fields: [{ key: 'code', type: 'text', label: 'Code', pattern: p }],
      }),
    });
  }
  // Definitions that are wrong in other hostile ways.
  install('a key with __proto__', (b) => (b.forms[0].fields[0].key = '__proto__'));
  install('a node called constructor', (b) => {
    b.flows[0].nodes.review.next = 'constructor';
    b.flows[0].nodes.constructor = { type: 'end', name: 'x' };
  });
  install('a wait of a thousand years', (b) => {
    b.flows[0].nodes.review.next = 'pause';
    b.flows[0].nodes.pause = { type: 'wait', name: 'Pause', duration: 'P1000000Y', next: 'approved' };
  });
  install('a negative SLA', (b) => (b.flows[0].nodes.review.sla = { due: '-PT1H' }));
  install('an SLA that is not a duration', (b) => (b.flows[0].nodes.review.sla = { due: 'tomorrow' }));
  install(
    'a webhook to file://',
    (b) =>
      (b.flows[0].nodes.tell = {
        type: 'webhook',
        name: 'Call',
        url: 'file:///etc/passwd',
        next: 'approved',
      }),
  );
  install('a cycle with no way out', (b) => (b.flows[0].nodes.tell.next = 'tell'));
  install('a format from the future', (b) => (b.format = 'flowcase/app@99'));
  install('the flagship key', (b) => (b.key = 'after_sales'));
  return out;
}

function draftFlowWithTemplate(template: string): string {
  const flow = (approvalBundle('rel_regex') as { flows: Loose[] }).flows[0]!;
  flow.nodes.review.next = 'tell';
  flow.nodes.tell = {
    type: 'notify',
    name: 'Tell',
    to: [{ role: 'reviewer' }],
    channel: 'inapp',
    template,
    next: 'approved',
  };
  return json(flow);
}

/** Long inputs against the installed `rel_regex` form, whose patterns are exponential for a backtracking engine. */
function pathologicalInputs(): BadRequest[] {
  const out: BadRequest[] = [];
  for (const field of ['nested', 'alternation', 'email_like']) {
    for (const n of [10, 30, 1000, 20_000, 90_000]) {
      const value = field === 'email_like' ? `${'a.'.repeat(n / 2)}@` : `${'a'.repeat(n)}!`;
      out.push({
        label: `${field} with ${n} characters`,
        method: 'POST',
        path: '/api/v1/apps/rel_regex/forms/request/records',
        as: 'admin',
        headers: JSON_CT,
        body: json({ data: { title: 'probe', [field]: value } }),
      });
    }
  }
  return out;
}

/** Odd methods and paths. */
function oddRoutes(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  for (const method of ['DELETE', 'PUT', 'PATCH']) {
    out.push({
      label: `${method} a record`,
      method,
      path: `/api/v1/records/${ctx.recordId}`,
      as: 'admin',
      headers: JSON_CT,
      body: '{}',
    });
    out.push({
      label: `${method} a task`,
      method,
      path: `/api/v1/tasks/${ctx.intakeTaskId}`,
      as: 'admin',
      headers: JSON_CT,
      body: '{}',
    });
    out.push({
      label: `${method} history`,
      method,
      path: `/api/v1/instances/${ctx.instanceId}/history`,
      as: 'admin',
      headers: JSON_CT,
      body: '{}',
    });
  }
  for (const path of [
    '/api/v1/',
    '/api/v1/%',
    '/api/v1/records/%E0%A4%A',
    '/api/v2/records',
    '/api/v1//records//x',
    '/api/v1/records/x?filter=%',
    '/api/v1/apps/..%2F..%2Fetc/forms/x/records',
    '/api/v1/apps/after_sales/forms/repair_request/records/../../../../users',
  ]) {
    out.push({ label: `path ${path}`, method: 'GET', path, as: 'desk' });
    out.push({ label: `post path ${path}`, method: 'POST', path, as: 'admin', headers: JSON_CT, body: '{}' });
  }
  return out;
}

/** The whole corpus (well over 1,000 requests). */
/**
 * The security issue's findings: a customer writing staff fields, sorting and filtering on hidden
 * ones, forging cursors and replaying keys; transfers to customers; unbounded numbers; deep filters.
 */
function securityProbes(ctx: CorpusContext): BadRequest[] {
  const out: BadRequest[] = [];
  const create = '/api/v1/apps/after_sales/forms/repair_request/records';
  const staffFields: Record<string, unknown> = {
    technician: ctx.adminId,
    quote_fee: 0,
    payment_amount: 1,
    payment_reference: 'FAKE',
    qa_result: 'pass',
    rating: 5,
    rma_no: 'RMA-FAKE',
    in_warranty: true,
    repair_total: 1,
  };
  for (const [field, value] of Object.entries(staffFields)) {
    out.push({
      label: `customer creates with staff field ${field}`,
      method: 'POST',
      path: create,
      as: 'customer',
      headers: JSON_CT,
      body: json({ data: { ...ctx.validRepairRequest, [field]: value } }),
    });
  }
  for (const field of ['qa_note', 'diagnosis', 'payment_reference', 'technician']) {
    out.push({
      label: `customer sorts by hidden ${field}`,
      method: 'GET',
      path: `${create}?sort=-${field}`,
      as: 'customer',
    });
    const filter = encodeURIComponent(json({ '==': [{ var: field }, 'x'] }));
    out.push({
      label: `customer filters on hidden ${field}`,
      method: 'GET',
      path: `${create}?filter=${filter}`,
      as: 'customer',
    });
  }
  const forged = Buffer.from(json(['SECRET', '2026-01-01T00:00:00.000Z', 1]), 'utf8').toString('base64url');
  out.push({
    label: 'a cursor of values instead of an id',
    method: 'GET',
    path: `${create}?cursor=${forged}`,
    as: 'customer',
  });
  out.push({
    label: 'a cursor naming another customer\u2019s record',
    method: 'GET',
    path: `${create}?cursor=${Buffer.from(json([ctx.recordId])).toString('base64url')}`,
    as: 'customer2',
  });
  // Tasks handed to people the step does not allow, and the picker asked by people not on the task.
  for (const to of ['customer', 'customer2', ctx.customerId]) {
    out.push({
      label: `desk transfers intake to ${to.slice(0, 12)}`,
      method: 'POST',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/transfer`,
      as: 'desk',
      headers: JSON_CT,
      body: json({ to }),
    });
  }
  out.push({
    label: 'desk completes intake as a transfer to a customer',
    method: 'POST',
    path: `/api/v1/tasks/${ctx.intakeTaskId}/complete`,
    as: 'desk',
    headers: JSON_CT,
    body: json({ action: 'transfer', to: 'customer' }),
  });
  for (const as of ['customer', 'tech'])
    out.push({
      label: `${as} asks for the intake's transfer targets`,
      method: 'GET',
      path: `/api/v1/tasks/${ctx.intakeTaskId}/transfer-targets`,
      as,
    });
  out.push({
    label: 'transfer targets of no task',
    method: 'GET',
    path: '/api/v1/tasks/no-such-id/transfer-targets',
    as: 'desk',
  });
  // Numbers a field cannot mean, and filters deeper or larger than the limits.
  const product = '/api/v1/apps/after_sales/forms/products/records';
  out.push({
    label: 'a price of 1e308',
    method: 'POST',
    path: product,
    as: 'admin',
    headers: JSON_CT,
    body: json({ data: { name: 'X', category: 'phone', warranty_months: 12, price: 1e308 } }),
  });
  out.push({
    label: 'warranty months beyond a safe integer',
    method: 'POST',
    path: product,
    as: 'admin',
    headers: JSON_CT,
    body: json({ data: { name: 'X', category: 'phone', warranty_months: 9007199254740992 } }),
  });
  let deep: unknown = { '==': [{ var: 'status' }, 'submitted'] };
  for (let i = 0; i < 1100; i++) deep = { '!': deep };
  out.push({
    label: 'a filter nested 1,100 deep',
    method: 'GET',
    path: `${create}?filter=${encodeURIComponent(json(deep))}`,
    as: 'desk',
  });
  out.push({
    label: 'an export filter nested 1,100 deep',
    method: 'GET',
    path: `/api/v1/apps/after_sales/forms/repair_request/export?format=csv&filter=${encodeURIComponent(json(deep))}`,
    as: 'admin',
  });
  out.push({
    label: 'a filter of 2,500 values',
    method: 'GET',
    path: `${create}?filter=${encodeURIComponent(json({ in: [{ var: 'status' }, Array.from({ length: 2500 }, () => 1)] }))}`,
    as: 'desk',
  });
  // Weak passwords and a name that differs from another only by case.
  for (const [username, password] of [
    ['weak1', 'Password123'],
    ['weak2', 'weak2weak2'],
    ['weak3', '123456789'],
    ['Admin', 'corpus-Secret-42x'],
  ]) {
    out.push({
      label: `user ${username} with a refused password or name`,
      method: 'POST',
      path: '/api/v1/users',
      as: 'admin',
      headers: JSON_CT,
      body: json({ username, password }),
    });
  }
  out.push({
    label: 'login as ADMIN with a wrong password',
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: JSON_CT,
    body: json({ username: 'ADMIN', password: 'wrong-password' }),
  });
  out.push({
    label: 'customer replays an event key',
    method: 'POST',
    path: `/api/v1/instances/${ctx.instanceId}/events`,
    as: 'customer',
    headers: { ...JSON_CT, 'idempotency-key': 'replayed' },
    body: json({ name: 'payment.confirmed', payload: { payment_amount: 1 } }),
  });
  return out;
}

export function badRequests(ctx: CorpusContext): BadRequest[] {
  return [
    ...malformedJson(ctx),
    ...wrongRecordData(ctx),
    ...wrongTypes(ctx),
    ...hugeBodies(ctx),
    ...unknownFields(ctx),
    ...prototypeKeys(ctx),
    ...contentTypes(ctx),
    ...otherUsers(ctx),
    ...securityProbes(ctx),
    ...badCredentials(ctx),
    ...definitionTricks(),
    ...pathologicalInputs(),
    ...oddRoutes(ctx),
  ];
}

/** The app the pathological inputs run against: valid patterns that are exponential when backtracking. */
export function regexBundle(): Record<string, unknown> {
  const b = approvalBundle('rel_regex') as Loose;
  b.forms[0].fields.push(
    { key: 'nested', type: 'text', label: 'Nested', pattern: '^(a+)+$' },
    { key: 'alternation', type: 'text', label: 'Alternation', pattern: '^(a|a)*$' },
    {
      key: 'email_like',
      type: 'text',
      label: 'E-mail like',
      pattern:
        '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    },
  );
  return b;
}
