/** Errors fastify raises before routing are problem+json like every other error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Built } from './helpers/build.js';

let built: Built;
beforeAll(async () => {
  built = await build();
});
afterAll(async () => built.close());

describe('errors before routing', () => {
  it("answers a malformed URL with a problem, not fastify's own shape", async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/v1/records/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'FC_BAD_REQUEST' });
  });
});
