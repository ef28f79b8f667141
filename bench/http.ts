/**
 * HTTP figures: a load script with 50 concurrent keep-alive clients against the real server in a
 * child process (bench/http-server.ts), and the same clients against a bare fastify endpoint doing
 * one SQLite `UPDATE` per request, in the same run. Each Flowcase client drives whole instances of
 * the flagship flow through the API: it creates a repair request as the customer, then completes
 * intake, quote, decision, payment, repair, QA and shipping, each as the user the node belongs to
 * (1 record creation + 7 task completions per instance; the three-day wait is left to the timer).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  APP,
  BENCH_PASSWORD,
  createInput,
  FORM,
  SCRIPT,
  SCRIPT_USERS,
  type ScriptIds,
} from './lib/flagship.js';
import { Latencies, nowMs } from './lib/stats.js';

export interface HttpFigures {
  requestsPerSec: number;
  completionsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface ChildServer {
  url: string;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/http-server.ts in a child process and waits for its URL. */
export async function spawnServer(mode: 'flowcase' | 'bare', target: string): Promise<ChildServer> {
  const script = fileURLToPath(new URL('./http-server.ts', import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', script, mode, target],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return;
    waiting.shift()?.(JSON.parse(line) as Record<string, unknown>);
  });
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) =>
        reject(new Error(`bench server (${mode}) exited ${code}: ${stderr.slice(-2000)}`)),
      );
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async rss() {
      const answer = next();
      child.stdin.write('rss\n');
      return Number((await answer).rss);
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One JSON request on the keep-alive agent. */
export function request(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function login(base: string, username: string): Promise<string> {
  const res = await request(base, 'POST', '/api/v1/auth/login', { username, password: BENCH_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  return (res.json as { token: string }).token;
}

/** Tokens for the script's users and the sample ids, over the API. */
export async function flowcaseSession(
  base: string,
): Promise<{ tokens: Record<string, string>; ids: ScriptIds }> {
  const tokens: Record<string, string> = { admin: await login(base, 'admin') };
  for (const username of Object.keys(SCRIPT_USERS)) tokens[username] = await login(base, username);
  // The customer may link only their own customer record (the one the demo setup links to them).
  const customers = (
    await request(
      base,
      'GET',
      `/api/v1/apps/${APP}/forms/customers/records?limit=5`,
      undefined,
      tokens.customer,
    )
  ).json as { items: { id: string }[] };
  const products = (
    await request(base, 'GET', `/api/v1/apps/${APP}/forms/products/records?limit=50`, undefined, tokens.admin)
  ).json as { items: { id: string; data: { warranty_months: number } }[] };
  const users = (await request(base, 'GET', '/api/v1/users', undefined, tokens.admin)).json as
    { id: string; username: string }[] | { items: { id: string; username: string }[] };
  const list = Array.isArray(users) ? users : users.items;
  const product = products.items.find((p) => p.data.warranty_months >= 1);
  const tech = list.find((u) => u.username === 'tech');
  if (!customers.items[0] || !product || !tech)
    throw new Error('sample customers, products or the tech user are missing');
  return { tokens, ids: { customer: customers.items[0].id, product: product.id, technician: tech.id } };
}

interface ViewBody {
  record: { id: string };
  instance?: { tasks: { id: string; node: string; status: string }[] };
}

/** Flagship cases driven by `clients` clients until `durationMs` has passed; latencies go to `lat`. */
async function driveCases(
  base: string,
  session: { tokens: Record<string, string>; ids: ScriptIds },
  clients: number,
  durationMs: number,
  lat: Latencies,
  serial: { next: number },
) {
  const { tokens, ids } = session;
  let completions = 0;
  let errors = 0;
  const deadline = nowMs() + durationMs;
  const client = async (): Promise<void> => {
    while (nowMs() < deadline) {
      const created = await lat.time(() =>
        request(
          base,
          'POST',
          `/api/v1/apps/${APP}/forms/${FORM}/records`,
          { data: createInput(ids, serial.next++) },
          tokens.customer,
        ),
      );
      if (created.status !== 201) {
        errors++;
        continue;
      }
      let view = created.json as ViewBody;
      for (const s of SCRIPT) {
        if (s.kind === 'timer' || nowMs() >= deadline) break;
        const task = view.instance?.tasks.find((t) => t.node === s.node && t.status === 'open');
        if (!task) {
          errors++;
          break;
        }
        const res = await lat.time(() =>
          request(
            base,
            'POST',
            `/api/v1/tasks/${task.id}/complete`,
            { action: s.action, data: s.data(ids) },
            tokens[s.user],
          ),
        );
        if (res.status !== 200) {
          errors++;
          break;
        }
        completions++;
        view = res.json as ViewBody;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { completions, errors };
}

/**
 * 50 (by default) clients driving flagship instances through the API for `durationMs`, after
 * `warmupMs` (default 1 s) of the same load untimed: the first requests of a fresh server compile
 * the app version, its statements and the hot code, which is not what the figure is about.
 */
export async function flowcaseLoad(
  base: string,
  options: { clients: number; durationMs: number; warmupMs?: number },
): Promise<HttpFigures> {
  const session = await flowcaseSession(base);
  const serial = { next: 0 };
  const warmupMs = options.warmupMs ?? 1000;
  if (warmupMs > 0) await driveCases(base, session, options.clients, warmupMs, new Latencies(), serial);
  const lat = new Latencies();
  const start = nowMs();
  const { completions, errors } = await driveCases(
    base,
    session,
    options.clients,
    options.durationMs,
    lat,
    serial,
  );
  const elapsed = nowMs() - start;
  return {
    requestsPerSec: (lat.samples.length * 1000) / elapsed,
    completionsPerSec: (completions * 1000) / elapsed,
    p50: lat.p(0.5),
    p99: lat.p(0.99),
    errors,
  };
}

/** The same clients against the bare endpoint. */
export async function bareLoad(
  base: string,
  options: { clients: number; durationMs: number },
): Promise<HttpFigures> {
  const lat = new Latencies();
  let errors = 0;
  let serial = 0;
  const deadline = nowMs() + options.durationMs;
  const start = nowMs();
  const client = async (): Promise<void> => {
    while (nowMs() < deadline) {
      const res = await lat.time(() => request(base, 'POST', `/bare/${serial++}`, { action: 'submit' }));
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const elapsed = nowMs() - start;
  const perSec = (lat.samples.length * 1000) / elapsed;
  return { requestsPerSec: perSec, completionsPerSec: perSec, p50: lat.p(0.5), p99: lat.p(0.99), errors };
}
