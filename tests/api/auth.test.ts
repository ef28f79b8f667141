/**
 * Signing in and out: bearer tokens for programs, a cookie session with a CSRF token for the
 * browser, expiry, revocation, and the login rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

// One server for the file (Argon2id is slow on purpose); tests that count failures use their own
// client address so they do not see each other's attempts.
let t: Built;
beforeAll(async () => {
  t = await build({ config: { tokenTtlMs: 60 * 60 * 1000 } });
});
afterAll(async () => {
  await t.close();
});

function login(username: string, password: string, remoteAddress = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

/** `name=value` pairs from the Set-Cookie headers, with their attributes. */
function cookies(res: { cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string }[] }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c]));
}

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer token, a CSRF token and the user, and sets the session cookies', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43,}$/); // ≥ 256 bits, base64url
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).toEqual({
      id: t.admin.id,
      username: 'admin',
      displayName: 'Administrator',
      roles: ['admin'],
      language: 'en',
    });
    const jar = cookies(res);
    expect(jar.flowcase_session).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Lax' });
    expect(jar.flowcase_csrf).toMatchObject({ value: body.csrfToken });
    expect(jar.flowcase_csrf!.httpOnly).toBeFalsy();
  });

  it('stores only a hash of the token', async () => {
    const { token } = (await login('admin', ADMIN_PASSWORD)).json();
    const { hashToken } = await import('../../runtime/store/store.js');
    expect(await t.store.findToken(token)).toBeUndefined();
    expect(await t.store.findToken(hashToken(token))).toMatchObject({ userId: t.admin.id });
  });

  it('answers 401 with the same message for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody', ADMIN_PASSWORD);
    const wrong = await login('admin', 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.json().code).toBe('FC_BAD_CREDENTIALS');
  });

  it('refuses a disabled account like a wrong password', async () => {
    const { user } = await t.userWithRoles('leaver', []);
    await t.store.updateUser(user.id, { disabled: true });
    expect((await login('leaver', 'leaver-password', '10.0.3.1')).statusCode).toBe(401);
  });

  it('answers 429 to the 11th failure within a minute for the same username and address', async () => {
    const address = '10.0.1.1';
    for (let i = 1; i <= 10; i++) expect((await login('admin', `wrong-${i}`, address)).statusCode).toBe(401);
    const eleventh = await login('admin', 'wrong-11', address);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().code).toBe('FC_RATE_LIMITED');
    expect(eleventh.headers['retry-after']).toBe('60');
    // Even the right password waits out the window …
    expect((await login('admin', ADMIN_PASSWORD, address)).statusCode).toBe(429);
    // … but another address is not affected,
    expect((await login('admin', ADMIN_PASSWORD, '10.0.1.2')).statusCode).toBe(200);
    // and a minute later the first one may try again.
    t.clock.advance(61_000);
    expect((await login('admin', ADMIN_PASSWORD, address)).statusCode).toBe(200);
  });

  it('holds when the guesses arrive all at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login('admin', `parallel-${i}`, '10.0.4.1')),
    );
    const statuses = attempts.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(401), ...Array<number>(5).fill(429)]);
  });

  it('does not count successful logins', async () => {
    for (let i = 0; i < 12; i++)
      expect((await login('admin', ADMIN_PASSWORD, '10.0.2.1')).statusCode).toBe(200);
  });

  it('rejects a body with extra or missing fields as 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/body/password' }));
  });
});

describe('authenticated requests', () => {
  it('GET /api/v1/auth/me answers the bearer token’s user', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.admin.id, username: 'admin' });
  });

  it('every API route but login answers 401 without credentials', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/templates'],
      ['GET', '/api/v1/apps'],
      ['POST', '/api/v1/apps'],
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/tasks'],
    ] as const) {
      const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 401 to an unknown or malformed bearer token', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('not-a-token') }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { authorization: 'Basic YWRtaW46eA==' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers 401 once the token has expired', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    t.clock.advance(60 * 60 * 1000 - 1);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(200);
    t.clock.advance(1);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
  });

  it('logout revokes the token', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const other = await t.login('admin', ADMIN_PASSWORD);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
    // Other sessions of the same user stay signed in.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(other) })).statusCode,
    ).toBe(200);
  });
});

describe('cookie sessions', () => {
  async function cookieSession() {
    const res = await login('admin', ADMIN_PASSWORD);
    const { token, csrfToken } = res.json();
    return { token: token as string, csrfToken: csrfToken as string };
  }

  it('read requests work with the session cookie alone', async () => {
    const { token } = await cookieSession();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { flowcase_session: token },
    });
    expect(res.statusCode).toBe(200);
  });

  it('a state-changing request with the cookie but without X-CSRF-Token is refused with 403', async () => {
    const { token } = await cookieSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      cookies: { flowcase_session: token },
      payload: { username: 'mallory', password: 'desk-clerk-pass-7' },
    });
    expect(res.statusCode).toBe(403);
    expect(await t.store.getUserByUsername('mallory')).toBeUndefined();
  });

  it('a wrong X-CSRF-Token (e.g. another session’s) is refused with 403', async () => {
    const mine = await cookieSession();
    const theirs = await cookieSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { flowcase_session: mine.token },
      headers: { 'x-csrf-token': theirs.csrfToken },
    });
    expect(res.statusCode).toBe(403);
  });

  it('with the matching X-CSRF-Token the request goes through', async () => {
    const { token, csrfToken } = await cookieSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      cookies: { flowcase_session: token },
      headers: { 'x-csrf-token': csrfToken },
      payload: { username: 'desk1', password: 'desk-clerk-pass-7' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('bearer requests need no CSRF token', async () => {
    const { token } = await cookieSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: 'desk2', password: 'desk-clerk-pass-7' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('logout through the cookie clears both cookies', async () => {
    const { token, csrfToken } = await cookieSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { flowcase_session: token },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.statusCode).toBe(204);
    const jar = cookies(res);
    expect(jar.flowcase_session?.value).toBe('');
    expect(jar.flowcase_csrf?.value).toBe('');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { flowcase_session: token } }))
        .statusCode,
    ).toBe(401);
  });
});
