/**
 * A Flowcase server in-process for the template tests: SQLite in a temp dir, a ManualClock, the
 * demo users (one per after-sales role, all with one password), no listening port and no
 * background jobs (tests run `timers.runOnce()` / `outbox.runOnce()` themselves). Every call goes
 * through the HTTP API as a named user, like tests/api/repair-flow.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { readConfig } from '../../../runtime/config.js';
import { startServer, type RunningServer } from '../../../runtime/server.js';

export const PASSWORD = 'demo-password-1';

export interface Task {
  id: string;
  node: string;
  recordId: string;
  instanceId: string;
  iteration: number;
  breached: boolean;
  assignees: ({ user: string } | { role: string })[];
  actions: string[];
  data: Record<string, unknown>;
  fields: { visible: string[]; editable: string[]; required: string[] };
}

export interface HistoryEvent {
  seq: number;
  at: string;
  actor: string;
  type: string;
  node?: string;
  action?: string;
  changes?: { field: string; from: unknown; to: unknown }[];
  detail?: Record<string, unknown>;
}

export interface RecordView {
  record: { id: string; data: Record<string, unknown>; createdBy: string };
  instance: {
    id: string;
    status: string;
    outcome?: string;
    activeNodes: string[];
    tasks: Task[];
    history: HistoryEvent[];
  };
}

export interface Harness {
  server: RunningServer;
  clock: ManualClock;
  call(
    username: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** The user's open task at `node` for `recordId`; fails the test when there is none. */
  openTask(username: string, recordId: string, node: string): Promise<Task>;
  /** Whether the user has an open task at `node` for `recordId`. */
  hasTask(username: string, recordId: string, node: string): Promise<boolean>;
  complete(username: string, task: Task, body: Record<string, unknown>): Promise<RecordView>;
  create(username: string, app: string, form: string, data: Record<string, unknown>): Promise<RecordView>;
  view(username: string, recordId: string): Promise<RecordView>;
  userId(username: string): Promise<string>;
  /** Moves the clock (and forgets tokens, which expire after 12 hours). */
  advance(ms: number): void;
  /** Runs the timer scheduler and the outbox worker until neither finds work. */
  drain(): Promise<void>;
  notifications(username: string): Promise<{ title: string; body: string; recordId: string | null }[]>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { template?: string | null; start?: string } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-templates-'));
  const clock = new ManualClock(options.start ?? '2026-03-02T01:00:00.000Z');
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  const server = await startServer(
    {
      ...readConfig({}),
      dataDir: dir,
      adminPassword: PASSWORD,
      demo: true,
      logLevel: 'silent',
      webhookAllowList: [],
    },
    {
      clock,
      listen: false,
      jobs: false,
      ...(options.template !== undefined ? { template: options.template } : {}),
    },
  );
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  async function login(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ token: string; user: { id: string } }>();
    tokens.set(username, body.token);
    ids.set(username, body.user.id);
    return body.token;
  }

  const call: Harness['call'] = async (username, method, url, payload, headers = {}) => {
    const token = await login(username);
    return server.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  };

  async function tasksOf(username: string): Promise<Task[]> {
    const out: Task[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(
        username,
        'GET',
        `/api/v1/tasks?status=open&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: Task[]; nextCursor?: string }>();
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  const harness: Harness = {
    server,
    clock,
    call,
    async openTask(username, recordId, node) {
      const task = (await tasksOf(username)).find((t) => t.recordId === recordId && t.node === node);
      expect(task, `${username} should have an open "${node}" task`).toBeDefined();
      return task!;
    },
    async hasTask(username, recordId, node) {
      return (await tasksOf(username)).some((t) => t.recordId === recordId && t.node === node);
    },
    async complete(username, task, body) {
      const res = await call(username, 'POST', `/api/v1/tasks/${task.id}/complete`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<RecordView>();
    },
    async create(username, app, form, data) {
      const res = await call(username, 'POST', `/api/v1/apps/${app}/forms/${form}/records`, { data });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<RecordView>();
    },
    async view(username, recordId) {
      const res = await call(username, 'GET', `/api/v1/records/${recordId}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<RecordView>();
    },
    async userId(username) {
      await login(username);
      return ids.get(username)!;
    },
    advance(ms) {
      clock.advance(ms);
      tokens.clear();
    },
    async drain() {
      for (let i = 0; i < 100; i++) {
        const found = (await server.jobs.timers.runOnce()) + (await server.jobs.outbox.runOnce());
        if (found === 0) return;
      }
    },
    async notifications(username) {
      const res = await call(username, 'GET', '/api/v1/notifications');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<
        | { items?: { title: string; body: string; recordId: string | null }[] }
        | { title: string; body: string; recordId: string | null }[]
      >();
      return Array.isArray(body) ? body : (body.items ?? []);
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Seq numbers 1..n with no gap, the first event `instance.started`. */
export function expectGapless(history: readonly HistoryEvent[]): void {
  expect(history[0]?.type).toBe('instance.started');
  expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
}
