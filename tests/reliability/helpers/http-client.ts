/**
 * A small HTTP client for the real server: JSON in and out, bearer tokens cached per user, and a
 * network failure (the server was killed mid-request) reported as `status: 0` instead of thrown.
 */
import { request as httpRequest } from 'node:http';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './server-process.js';

export interface Reply<T = unknown> {
  /** 0 when the request never got an answer (connection refused or reset). */
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is (a string or bytes): for malformed bodies and odd content types. */
  body?: string | Uint8Array<ArrayBuffer>;
}

export class Client {
  private readonly tokens = new Map<string, string>();

  /** `base` is read on every call, so the same client follows a restarted server to its new port. */
  constructor(private readonly base: () => string) {}

  async raw<T = unknown>(req: RawRequest): Promise<Reply<T>> {
    if (req.body !== undefined && req.body.length > 1_000_000) return this.rawLarge<T>(req);
    try {
      const res = await fetch(this.base() + req.path, {
        method: req.method,
        headers: req.headers ?? {},
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: body as T, text, headers: res.headers };
    } catch {
      return { status: 0, body: undefined as T, text: '', headers: new Headers() };
    }
  }

  /**
   * Large bodies over node:http: a server may answer 413 and close before reading them all, which
   * fetch reports as a network error; here the answer counts once it arrived.
   */
  private rawLarge<T>(req: RawRequest): Promise<Reply<T>> {
    return new Promise((resolve) => {
      let answered = false;
      const r = httpRequest(
        this.base() + req.path,
        { method: req.method, headers: req.headers ?? {}, timeout: 60_000 },
        (res) => {
          answered = true;
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('error', () => undefined);
          res.on('close', () => {
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON
            }
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
            resolve({ status: res.statusCode ?? 0, body: body as T, text, headers });
          });
        },
      );
      r.on('error', () => {
        if (!answered) resolve({ status: 0, body: undefined as T, text: '', headers: new Headers() });
      });
      r.end(req.body);
    });
  }

  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
    const res = await this.raw<{ token: string }>({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    this.tokens.set(username, res.body.token);
    return res.body.token;
  }

  /** A JSON call as `username` (`null`: no credentials). */
  async call<T = unknown>(
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const auth: Record<string, string> =
      username === null ? {} : { authorization: `Bearer ${await this.token(username)}` };
    return this.raw<T>({
      method,
      path,
      headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** Like `call`, but fails unless the answer has the expected status. */
  async expect<T = unknown>(
    status: number,
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.call<T>(username, method, path, body, headers);
    if (res.status !== status)
      throw new Error(
        `${method} ${path} as ${username ?? 'nobody'}: expected ${status}, got ${res.status} ${res.text.slice(0, 2000)}`,
      );
    return res.body;
  }

  /** Creates a user with roles (as admin) and remembers nothing: log in with `login`. */
  async addUser(username: string, roles: string[], password = DEMO_PASSWORD): Promise<{ id: string }> {
    return this.expect<{ id: string }>(201, 'admin', 'POST', '/api/v1/users', {
      username,
      displayName: username,
      password,
      roles,
      language: 'en',
    });
  }
}

/** A tiny seeded PRNG (mulberry32), so a failing run can be replayed with its printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined), or fails with `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
  every = 100,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await sleep(every);
  }
}
