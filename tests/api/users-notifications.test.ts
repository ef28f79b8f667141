/** Each user's in-app notifications: only their own, newest first, and marking one read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let alice: { user: { id: string }; token: string };
let bob: { user: { id: string }; token: string };
beforeAll(async () => {
  t = await build();
  alice = await t.userWithRoles('alice', []);
  bob = await t.userWithRoles('bob', []);
  await t.store.write(async (tx) => {
    await tx.insertNotification({
      id: 'n1',
      userId: alice.user.id,
      title: 'Quote ready',
      body: 'RMA-1 needs your approval',
      createdAt: '2026-01-05T09:00:00.000Z',
    });
    await tx.insertNotification({
      id: 'n2',
      userId: alice.user.id,
      title: 'Shipped',
      body: 'RMA-1 is on its way',
      createdAt: '2026-01-05T10:00:00.000Z',
    });
    await tx.insertNotification({ id: 'n3', userId: bob.user.id, title: 'For Bob', body: 'not for Alice' });
  });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/notifications', () => {
  it('lists the caller’s notifications, newest first', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: bearer(alice.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        id: 'n2',
        title: 'Shipped',
        body: 'RMA-1 is on its way',
        recordId: null,
        readAt: null,
        createdAt: '2026-01-05T10:00:00.000Z',
      },
      {
        id: 'n1',
        title: 'Quote ready',
        body: 'RMA-1 needs your approval',
        recordId: null,
        readAt: null,
        createdAt: '2026-01-05T09:00:00.000Z',
      },
    ]);
  });
});

describe('POST /api/v1/notifications/:id/read', () => {
  it('marks one read, so ?unread=true no longer lists it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/n1/read',
      headers: bearer(alice.token),
    });
    expect(res.statusCode).toBe(204);
    const unread = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?unread=true',
      headers: bearer(alice.token),
    });
    expect(unread.json<{ id: string }[]>().map((n) => n.id)).toEqual(['n2']);
  });

  it('answers 404 for someone else’s notification and leaves it unread', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/n3/read',
      headers: bearer(alice.token),
    });
    expect(res.statusCode).toBe(404);
    const bobs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: bearer(bob.token),
    });
    expect(bobs.json()).toEqual([expect.objectContaining({ id: 'n3', readAt: null })]);
  });
});
