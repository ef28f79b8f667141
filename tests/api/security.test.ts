/**
 * The cross-cutting promises of the HTTP layer: problem+json everywhere, 5xx never showing
 * internals, prototype pollution refused, security headers, body limits, and an OpenAPI document
 * that lists every route with its schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

let t: Built;
let token: string;
beforeAll(async () => {
  t = await build({
    extend: (app) => {
      // A route that fails the way a bug would: with a message full of internals.
      app.get('/api/v1/test-only/boom', { config: { public: true } }, () => {
        throw new Error('SQLITE_CORRUPT at /srv/flowcase/data/flowcase.db password=hunter2');
      });
    },
  });
  token = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

describe('errors', () => {
  it('a 5xx answers problem+json with a generic title and no internals', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test-only/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 500,
      code: 'FC_INTERNAL',
      title: 'Internal error',
      errors: [],
    });
    expect(res.body).not.toMatch(/SQLITE|flowcase\.db|hunter2|stack|at /);
  });

  it('unknown routes answer 404 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope', headers: bearer(token) });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('malformed JSON answers 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
  });

  it('a JSON body over 1 MB answers 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: 'big', password: 'x'.repeat(1100 * 1024) },
    });
    expect(res.statusCode).toBe(413);
  });
});

describe('prototype pollution', () => {
  it('"__proto__" in a JSON body answers 400 and pollutes nothing', async () => {
    const payload =
      '{"username":"proto","password":"password-123","__proto__":{"polluted":true,"roles":["admin"]}}';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await t.store.getUserByUsername('proto')).toBeUndefined();
  });

  it('"constructor.prototype" in a JSON body answers 400', async () => {
    const payload = '{"bundle":{"constructor":{"prototype":{"polluted":true}}}}';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apps',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sends helmet’s headers with a CSP that allows no inline scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src ')) ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
  });
});

describe('OpenAPI', () => {
  const ROUTES: [string, string][] = [
    ['post', '/api/v1/auth/login'],
    ['post', '/api/v1/auth/logout'],
    ['get', '/api/v1/auth/me'],
    ['get', '/api/v1/users'],
    ['post', '/api/v1/users'],
    ['patch', '/api/v1/users/{id}'],
    ['get', '/api/v1/templates'],
    ['get', '/api/v1/apps'],
    ['post', '/api/v1/apps'],
    ['get', '/api/v1/apps/{app}'],
    ['put', '/api/v1/apps/{app}/forms/{form}'],
    ['put', '/api/v1/apps/{app}/flows/{flow}'],
    ['put', '/api/v1/apps/{app}/dashboards/{key}'],
    ['post', '/api/v1/apps/{app}/publish'],
    ['post', '/api/v1/files'],
    ['get', '/api/v1/files/{id}'],
    ['get', '/api/v1/notifications'],
    ['post', '/api/v1/notifications/{id}/read'],
    ['post', '/api/v1/apps/{app}/forms/{form}/records'],
    ['get', '/api/v1/apps/{app}/forms/{form}/records'],
    ['get', '/api/v1/records/{id}'],
    ['get', '/api/v1/tasks'],
    ['post', '/api/v1/tasks/{id}/complete'],
    ['post', '/api/v1/tasks/{id}/transfer'],
    ['post', '/api/v1/instances/{id}/events'],
  ];

  it('is served at /docs/json without signing in, as OpenAPI 3.1', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('lists every route of the API contract', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const missing = ROUTES.filter(([method, url]) => !doc.paths[url]?.[method]).map(([m, u]) => `${m} ${u}`);
    expect(missing).toEqual([]);
  });

  it('documents a success response and problem+json errors for every operation', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }
        >
      >;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.components.schemas.Problem).toBeDefined();
    const undocumented: string[] = [];
    for (const [url, ops] of Object.entries(doc.paths)) {
      if (url.includes('test-only')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses ?? {});
        const success = codes.some((c) => c.startsWith('2'));
        const problems = codes.filter((c) => /^[45]/.test(c));
        const allRefProblem = problems.every((c) => JSON.stringify(op.responses?.[c]).includes('Problem'));
        if (!success || problems.length === 0 || !allRefProblem) undocumented.push(`${method} ${url}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('declares that everything but login needs a bearer token or the session cookie', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/api/v1/users']?.get?.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
  });
});
