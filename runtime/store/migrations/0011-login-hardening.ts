/**
 * Usernames become unique ignoring case, and the login limiter keeps its state in the database (so
 * it survives a restart and several servers on one PostgreSQL database share it).
 *
 * `users.username_key` is the username folded to lower case (ASCII letters only, the same on both
 * databases: SQLite's `lower()` folds only ASCII, PostgreSQL's would fold more), with a unique index.
 * Accounts that already differ only by case must not make the migration fail, and neither may be
 * renamed or locked out: the oldest of each such group keeps the plain key, the others get
 * `<key>#<id>` (`#` never occurs in a username). Each still signs in with its exact spelling; any
 * other spelling reaches the oldest; no new account can take any spelling of the name.
 *
 * `login_counters`: one row per limiter key (an account and address, an address, an account; the
 * account part hashed, so the table holds no usernames), deleted once `expires_at` has passed.
 * `login_addresses`: the client addresses each account signed in from, and when last.
 */
import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

export const loginHardening: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    const fold = sqlite
      ? sql`lower(username)`
      : sql`translate(username, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
    await db.schema.alterTable('users').addColumn('username_key', 'text').execute();
    await sql`update users set username_key = ${fold}`.execute(db);
    await db.schema.createIndex('users_username_key_fold').on('users').column('username_key').execute();
    await sql`update users set username_key = username_key || '#' || id
      where exists (select 1 from users older where older.username_key = users.username_key
        and (older.created_at < users.created_at or (older.created_at = users.created_at and older.id < users.id)))`.execute(
      db,
    );
    await db.schema.dropIndex('users_username_key_fold').execute();
    await db.schema
      .createIndex('users_by_username_key')
      .unique()
      .on('users')
      .column('username_key')
      .execute();

    await db.schema
      .createTable('login_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('blocked_until', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_counters_expiry').on('login_counters').column('expires_at').execute();
    await db.schema
      .createTable('login_addresses')
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('last_success_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_addresses_pk', ['account', 'address'])
      .execute();
    await db.schema
      .createIndex('login_addresses_age')
      .on('login_addresses')
      .column('last_success_at')
      .execute();
  },
};
