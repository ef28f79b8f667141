/**
 * Behind a reverse proxy every request comes from the proxy's address. With FLOWCASE_TRUST_PROXY
 * naming the proxy, the login limits count each client by its forwarded address and the session
 * cookies are `Secure` when the client used https (X-Forwarded-Proto); without it a client can
 * choose neither its address (X-Forwarded-For) nor its protocol.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../runtime/config.js';
import { ADMIN_PASSWORD, build, type Built } from './helpers/build.js';

const PROXY = '10.9.0.1';
let t: Built | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

function login(client: string) {
  return t!.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'wrong' },
    remoteAddress: PROXY,
    headers: { 'x-forwarded-for': client },
  });
}

async function failTenTimes(client: string): Promise<void> {
  for (let i = 0; i < 10; i++) expect((await login(client)).statusCode).toBe(401);
}

describe('FLOWCASE_TRUST_PROXY', () => {
  it('reads false, true, a hop count or a list of addresses, and refuses anything else', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.9.0.1, 192.168.0.0/16,loopback')).toEqual([
      '10.9.0.1',
      '192.168.0.0/16',
      'loopback',
    ]);
    expect(() => parseTrustProxy('yes please')).toThrow(/FLOWCASE_TRUST_PROXY/);
  });

  it('with the proxy trusted, limits each client by its forwarded address', async () => {
    t = await build({ config: { trustProxy: [PROXY] } });
    await failTenTimes('203.0.113.5');
    expect((await login('203.0.113.5')).statusCode).toBe(429);
    expect((await login('203.0.113.6')).statusCode).toBe(401);
  });

  it('without it, ignores X-Forwarded-For: a client cannot escape the limit by changing the header', async () => {
    t = await build();
    await failTenTimes('203.0.113.5');
    expect((await login('203.0.113.7')).statusCode).toBe(429);
  });

  it('with a hop count, trusts that many proxies', async () => {
    t = await build({ config: { trustProxy: 1 } });
    await failTenTimes('203.0.113.8');
    expect((await login('203.0.113.8')).statusCode).toBe(429);
    expect((await login('203.0.113.9')).statusCode).toBe(401);
  });
});

describe('the Secure flag of the session cookies', () => {
  function signIn(headers: Record<string, string>) {
    return t!.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
      remoteAddress: PROXY,
      headers,
    });
  }
  const secureFlags = (res: { cookies: { name: string; secure?: boolean }[] }) =>
    Object.fromEntries(res.cookies.map((c) => [c.name, c.secure === true]));

  it('is set when a trusted proxy says the client used https', async () => {
    t = await build({ config: { trustProxy: [PROXY] } });
    const res = await signIn({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.10' });
    expect(res.statusCode).toBe(200);
    expect(secureFlags(res)).toEqual({ flowcase_session: true, flowcase_csrf: true });
    // Plain http through the same proxy: not Secure, or the browser would drop the cookies.
    expect(
      secureFlags(await signIn({ 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.10' })),
    ).toEqual({ flowcase_session: false, flowcase_csrf: false });
  });

  it('is not set from X-Forwarded-Proto when the proxy is not trusted', async () => {
    t = await build();
    const res = await signIn({ 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(secureFlags(res)).toEqual({ flowcase_session: false, flowcase_csrf: false });
  });

  it('is not set from X-Forwarded-Proto sent by a client that is not the trusted proxy', async () => {
    t = await build({ config: { trustProxy: [PROXY] } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
      remoteAddress: '203.0.113.11',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(secureFlags(res)).toEqual({ flowcase_session: false, flowcase_csrf: false });
  });
});
