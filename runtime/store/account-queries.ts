/**
 * Users and auth tokens. Tokens are stored only as SHA-256 hashes (see `hashToken` in store.ts),
 * so a leaked database does not leak working credentials.
 */
import { sql, type Selectable, type SqlBool } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { AuthTokensTable, UsersTable } from './schema.js';
import { parseJson, toBit, touchedNone } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { Language, NewToken, NewUser, TokenRow, UserPatch, UserRow, UserWithPassword } from './types.js';

function toUser(r: Selectable<UsersTable>): UserWithPassword {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: parseJson<string[]>(r.roles),
    language: r.language as Language,
    disabled: Number(r.disabled) === 1,
    createdAt: r.created_at,
    passwordHash: r.password_hash,
  };
}

function withoutPassword(u: UserWithPassword): UserRow {
  const { passwordHash: _hash, ...user } = u;
  return user;
}

/**
 * The username's unique key: lower case, folding ASCII letters only, like the migration that
 * filled the column on both databases (the API allows ASCII usernames only).
 */
export function usernameKey(username: string): string {
  return username.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export async function createUser(db: Executor, ctx: StoreContext, u: NewUser): Promise<UserRow> {
  const row = {
    id: u.id ?? ctx.newId(),
    username: u.username,
    username_key: usernameKey(u.username),
    display_name: u.displayName,
    password_hash: u.passwordHash,
    roles: JSON.stringify([...new Set(u.roles)]),
    language: u.language ?? 'zh-CN',
    disabled: toBit(u.disabled),
    created_at: ctx.now(),
  };
  const result = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (touchedNone(result))
    throw new FlowcaseError('FC_CONFLICT', `User ${u.username} already exists (usernames ignore case)`, {
      path: '/username',
    });
  return withoutPassword(toUser(row));
}

export async function updateUser(db: Executor, id: string, patch: UserPatch): Promise<UserRow> {
  const set: Partial<Selectable<UsersTable>> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.roles !== undefined) set.roles = JSON.stringify([...new Set(patch.roles)]);
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.disabled !== undefined) set.disabled = toBit(patch.disabled);
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
  const user = await getUser(db, id);
  if (!user) throw new FlowcaseError('FC_NOT_FOUND', `User ${id} not found`);
  return user;
}

export async function getUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? withoutPassword(toUser(r)) : undefined;
}

/** The users of `ids` that exist (any order), 500 ids a query. */
export async function getUsers(db: Executor, ids: readonly string[]): Promise<UserRow[]> {
  const out: UserRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500);
    if (page.length === 0) continue;
    const rows = await db.selectFrom('users').selectAll().where('id', 'in', page).execute();
    for (const r of rows) out.push(withoutPassword(toUser(r)));
  }
  return out;
}

/**
 * The user of `username` ignoring case: the exact spelling first (accounts from before usernames
 * ignored case may differ only by case; see migration 0011), else the one holding its key.
 */
export async function getUserByUsername(
  db: Executor,
  username: string,
): Promise<UserWithPassword | undefined> {
  // PostgreSQL refuses NUL in text; no username contains one.
  if (username.includes('\u0000')) return undefined;
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', username), eb('username_key', '=', usernameKey(username))]))
    .execute();
  const r = rows.find((row) => row.username === username) ?? rows[0];
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((r) => withoutPassword(toUser(r)));
}

/**
 * The users holding `role`. The JSON `roles` column is narrowed in SQL by the role's quoted text
 * (LIKE's wildcards escaped; SQLite's LIKE ignores ASCII case), then matched exactly here: with a
 * million requests' 100,000 portal accounts, listing everyone to find a role's few staff took
 * most of a `mode: all` step.
 */
export async function listUsersByRole(db: Executor, role: string): Promise<UserRow[]> {
  const pattern = `%${JSON.stringify(role).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where(sql<SqlBool>`"roles" like ${pattern} escape '\\'`)
    .orderBy('username')
    .execute();
  return rows.map((r) => withoutPassword(toUser(r))).filter((u) => u.roles.includes(role));
}

/** Every user's id and name, nothing else: what labels need (a million requests have 100,000 accounts). */
export async function listUserNames(db: Executor): Promise<{ id: string; displayName: string }[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name']).execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

export async function createToken(db: Executor, ctx: StoreContext, t: NewToken): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      token_hash: t.tokenHash,
      user_id: t.userId,
      kind: t.kind,
      csrf_hash: t.csrfHash ?? null,
      created_at: ctx.now(),
      expires_at: t.expiresAt,
      revoked_at: null,
    })
    .execute();
}

function toToken(r: Selectable<AuthTokensTable>): TokenRow {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    kind: r.kind as TokenRow['kind'],
    csrfHash: r.csrf_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export async function findToken(db: Executor, tokenHash: string): Promise<TokenRow | undefined> {
  const r = await db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r ? toToken(r) : undefined;
}

export async function revokeToken(
  db: Executor,
  ctx: StoreContext,
  tokenHash: string,
  at?: string,
): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ revoked_at: at ?? ctx.now() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserTokens(
  db: Executor,
  ctx: StoreContext,
  userId: string,
  at?: string,
): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ revoked_at: at ?? ctx.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
