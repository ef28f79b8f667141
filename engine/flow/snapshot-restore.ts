/**
 * Creating and restoring snapshots. A stored snapshot is untrusted input (another version, a
 * hand-edited row): `restoreSnapshot` checks its whole shape and version and rebuilds a fresh copy,
 * so `restoreSnapshot(JSON.parse(JSON.stringify(s)))` deep-equals `s`.
 */
import { FORBIDDEN_KEYS, type FlowDef } from '../definition/types.js';
import { FlowcaseError } from '../errors.js';
import {
  SNAPSHOT_VERSION,
  type Assignee,
  type FlowSnapshot,
  type OpenTask,
  type PendingTimer,
  type ScopeFrame,
  type Token,
  type WithdrawableMove,
} from './types.js';

/** The snapshot of an instance that has not started yet; `step` it with `{type: 'start'}`. */
export function initialSnapshot(flow: Pick<FlowDef, 'key'>, version: number): FlowSnapshot {
  return {
    snapshotVersion: SNAPSHOT_VERSION,
    flow: flow.key,
    version,
    status: 'active',
    tokens: [],
    tasks: [],
    timers: [],
    visits: {},
    seq: 0,
  };
}

type Obj = Record<string, unknown>;

function invalid(path: string, message: string): never {
  throw new FlowcaseError('FC_SNAPSHOT_INVALID', `The saved state cannot be read: ${message}`, { path });
}

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(path, 'expected an object');
  return value as Obj;
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  return value;
}

function int(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    invalid(path, 'expected a whole number');
  return value;
}

function list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value)) invalid(path, 'expected a list');
  return value.map((v, i) => item(v, `${path}/${i}`));
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) invalid(path, `expected one of ${allowed.join(', ')}`);
  return value as T;
}

function optional<T>(
  source: Obj,
  key: string,
  path: string,
  read: (v: unknown, p: string) => T,
  target: Obj,
): void {
  if (source[key] !== undefined) target[key] = read(source[key], `${path}/${key}`);
}

function assignee(value: unknown, path: string): Assignee {
  const o = obj(value, path);
  return typeof o.user === 'string' ? { user: o.user } : { role: str(o.role, `${path}/role`) };
}

function token(value: unknown, path: string): Token {
  const o = obj(value, path);
  const t: Token = {
    id: str(o.id, `${path}/id`),
    node: str(o.node, `${path}/node`),
    since: str(o.since, `${path}/since`),
  };
  optional(
    o,
    'scope',
    path,
    (v, p) =>
      list(v, p, (f, fp): ScopeFrame => {
        const frame = obj(f, fp);
        return { parallel: str(frame.parallel, `${fp}/parallel`), branch: str(frame.branch, `${fp}/branch`) };
      }),
    t as unknown as Obj,
  );
  optional(
    o,
    'subflow',
    path,
    (v, p) => {
      const call = obj(v, p);
      return { callId: str(call.callId, `${p}/callId`), recordId: str(call.recordId, `${p}/recordId`) };
    },
    t as unknown as Obj,
  );
  return t;
}

function task(value: unknown, path: string): OpenTask {
  const o = obj(value, path);
  const t: OpenTask = {
    id: str(o.id, `${path}/id`),
    node: str(o.node, `${path}/node`),
    tokenId: str(o.tokenId, `${path}/tokenId`),
    assignees: list(o.assignees, `${path}/assignees`, assignee),
    mode: oneOf(o.mode, `${path}/mode`, ['any', 'all'] as const),
    createdAt: str(o.createdAt, `${path}/createdAt`),
    iteration: int(o.iteration, `${path}/iteration`),
  };
  const target = t as unknown as Obj;
  optional(o, 'approvals', path, (v, p) => list(v, p, assignee), target);
  optional(o, 'dueAt', path, str, target);
  optional(
    o,
    'breached',
    path,
    (v, p) => (typeof v === 'boolean' ? v : invalid(p, 'expected true or false')),
    target,
  );
  optional(
    o,
    'sign',
    path,
    (v, p) => {
      const s = obj(v, p);
      return {
        position: oneOf(s.position, `${p}/position`, ['before', 'after'] as const),
        by: str(s.by, `${p}/by`),
        of: str(s.of, `${p}/of`),
      };
    },
    target,
  );
  optional(
    o,
    'waitingFor',
    path,
    (v, p) =>
      list(v, p, (w, wp) => {
        const x = obj(w, wp);
        return {
          taskId: str(x.taskId, `${wp}/taskId`),
          user: str(x.user, `${wp}/user`),
          slot: assignee(x.slot, `${wp}/slot`),
        };
      }),
    target,
  );
  optional(
    o,
    'signersAfter',
    path,
    (v, p) =>
      list(v, p, (w, wp) => {
        const x = obj(w, wp);
        return { user: str(x.user, `${wp}/user`), by: str(x.by, `${wp}/by`) };
      }),
    target,
  );
  optional(o, 'fallback', path, (v, p) => (v === true ? true : invalid(p, 'expected true')), target);
  return t;
}

function move(value: unknown, path: string): WithdrawableMove {
  const o = obj(value, path);
  const m: WithdrawableMove = {
    taskId: str(o.taskId, `${path}/taskId`),
    node: str(o.node, `${path}/node`),
    by: str(o.by, `${path}/by`),
    at: str(o.at, `${path}/at`),
    token: token(o.token, `${path}/token`),
    assignees: list(o.assignees, `${path}/assignees`, assignee),
    mode: oneOf(o.mode, `${path}/mode`, ['any', 'all'] as const),
    opened: list(o.opened, `${path}/opened`, str),
  };
  optional(o, 'approvals', path, (v, p) => list(v, p, assignee), m as unknown as Obj);
  optional(o, 'via', path, (v, p) => list(v, p, str), m as unknown as Obj);
  return m;
}

function timer(value: unknown, path: string): PendingTimer {
  const o = obj(value, path);
  const t: PendingTimer = {
    id: str(o.id, `${path}/id`),
    kind: oneOf(o.kind, `${path}/kind`, [
      'sla.remind',
      'sla.due',
      'wait',
      'event.timeout',
      'event.fallback',
    ] as const),
    node: str(o.node, `${path}/node`),
    dueAt: str(o.dueAt, `${path}/dueAt`),
  };
  optional(o, 'taskId', path, str, t as unknown as Obj);
  optional(o, 'tokenId', path, str, t as unknown as Obj);
  return t;
}

function record<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): Record<string, T> {
  const o = obj(value, path);
  const out: Record<string, T> = {};
  for (const [key, v] of Object.entries(o)) {
    if (FORBIDDEN_KEYS.has(key)) invalid(`${path}/${key}`, 'a forbidden key');
    out[key] = item(v, `${path}/${key}`);
  }
  return out;
}

/**
 * Reads a stored snapshot. Throws `FC_SNAPSHOT_INVALID` (with the JSON path of the first problem)
 * when the shape is wrong or `snapshotVersion` is not one this engine reads.
 */
export function restoreSnapshot(json: unknown): FlowSnapshot {
  const o = obj(json, '');
  if (o.snapshotVersion !== SNAPSHOT_VERSION)
    invalid('/snapshotVersion', `version ${String(o.snapshotVersion)} is not ${SNAPSHOT_VERSION}`);
  const s: FlowSnapshot = {
    snapshotVersion: SNAPSHOT_VERSION,
    flow: str(o.flow, '/flow'),
    version: int(o.version, '/version'),
    status: oneOf(o.status, '/status', ['active', 'done', 'cancelled', 'failed'] as const),
    tokens: list(o.tokens, '/tokens', token),
    tasks: list(o.tasks, '/tasks', task),
    timers: list(o.timers, '/timers', timer),
    visits: record(o.visits, '/visits', int),
    seq: int(o.seq, '/seq'),
  };
  const target = s as unknown as Obj;
  optional(o, 'outcome', '', str, target);
  optional(
    o,
    'failure',
    '',
    (v, p) => {
      const f = obj(v, p);
      return { node: str(f.node, `${p}/node`), reason: str(f.reason, `${p}/reason`) };
    },
    target,
  );
  optional(o, 'joins', '', (v, p) => record(v, p, (a, ap) => list(a, ap, str)), target);
  optional(o, 'withdrawable', '', (v, p) => list(v, p, move), target);
  return s;
}
