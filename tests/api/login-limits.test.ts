/**
 * Failed logins are limited so that guessing is slow and nobody else's failures lock the real user
 * out: per account and address strictly, per address over all accounts, and per account over the
 * addresses it never signed in from with a growing delay (never a lock) that the user's own
 * addresses never see. The state is in the database, so a restart forgets nothing. Usernames
 * ignore case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../runtime/http/app.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

// One server for the file (Argon2id is slow on purpose); each test uses its own account and
// addresses, so no test sees another's failures.
let t: Built;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => {
  await t.close();
});

function login(username: string, password: string, remoteAddress: string, app = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

/** `count` wrong passwords for `username`, each from its own address `<prefix>.<n>`, all answered 401. */
async function failFromManyAddresses(username: string, prefix: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++)
    expect((await login(username, `wrong-${i}`, `${prefix}.${i}`)).statusCode, `failure ${i}`).toBe(401);
}

describe('failed logins on one account from many addresses', () => {
  it('past 20 of them, addresses the account never used wait a delay that doubles with each further failure', async () => {
    await t.userWithRoles('gina', []);
    await failFromManyAddresses('gina', '198.51.100', 21);
    let refused = await login('gina', 'guess', '198.51.100.100');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('FC_RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    expect((await login('gina', 'guess-22', '198.51.100.101')).statusCode).toBe(401);
    refused = await login('gina', 'guess', '198.51.100.102');
    expect(refused.headers['retry-after']).toBe('2');
    t.clock.advance(2000);
    expect((await login('gina', 'guess-23', '198.51.100.103')).statusCode).toBe(401);
    expect((await login('gina', 'guess', '198.51.100.104')).headers['retry-after']).toBe('4');
  });

  it('never delay the user on an address they signed in from before, right or wrong password', async () => {
    await t.userWithRoles('hugo', []); // signs in from inject's default address, 127.0.0.1
    await failFromManyAddresses('hugo', '198.51.101', 21);
    expect((await login('hugo', 'guess', '198.51.101.200')).statusCode).toBe(429);
    expect((await login('hugo', 'typo-password', '127.0.0.1')).statusCode).toBe(401);
    expect((await login('hugo', 'hugo-password', '127.0.0.1')).statusCode).toBe(200);
  });

  it('delay a new address at most 10 minutes, after which the right password signs in and the address is known', async () => {
    await t.userWithRoles('iris', []);
    await failFromManyAddresses('iris', '198.51.102', 20);
    // Each admitted failure doubles the delay: 1 s, 2 s … 512 s, then 10 minutes at most.
    let retry = '';
    for (let i = 1; i <= 12; i++) {
      expect((await login('iris', `late-${i}`, `198.51.102.${100 + i}`)).statusCode).toBe(401);
      retry = String((await login('iris', 'guess', '198.51.102.200')).headers['retry-after']);
      t.clock.advance(Number(retry) * 1000);
    }
    expect(retry).toBe('600');
    expect((await login('iris', 'iris-password', '203.0.113.77')).statusCode).toBe(200);
    expect((await login('iris', 'iris-password', '203.0.113.77')).statusCode).toBe(200);
  });
});

describe('limits per address', () => {
  it('count an IPv6 client by its /64', async () => {
    await t.userWithRoles('jude', []);
    for (let i = 1; i <= 10; i++)
      expect((await login('jude', `wrong-${i}`, `2001:db8:1:2::${i.toString(16)}`)).statusCode).toBe(401);
    expect((await login('jude', 'wrong', '2001:db8:1:2:ffff:ffff:ffff:1')).statusCode).toBe(429);
    expect((await login('jude', 'jude-password', '2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('outlive a restart: another app on the same database still refuses', async () => {
    await t.userWithRoles('kyle', []);
    for (let i = 1; i <= 10; i++)
      expect((await login('kyle', `wrong-${i}`, '198.51.103.1')).statusCode).toBe(401);
    const restarted = await buildApp(t.services, { logger: false });
    try {
      await restarted.ready();
      const res = await login('kyle', 'kyle-password', '198.51.103.1', restarted);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('60');
    } finally {
      await restarted.close();
    }
  });
});

describe('usernames ignore case', () => {
  it('signs in with any spelling of the name, as the one account', async () => {
    const res = await login('ADMIN', ADMIN_PASSWORD, '198.51.104.1');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: t.admin.id, username: 'admin' });
  });

  it('refuses a new account whose name differs from another only by case', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: 'Admin', password: 'a-different-secret-7' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/username' }));
  });

  it('counts failures for any spelling of the name together', async () => {
    await t.userWithRoles('lena', []);
    for (let i = 1; i <= 10; i++)
      expect((await login(i % 2 ? 'LENA' : 'lena', `wrong-${i}`, '198.51.105.1')).statusCode).toBe(401);
    expect((await login('Lena', 'lena-password', '198.51.105.1')).statusCode).toBe(429);
  });
});
