/**
 * Group commit for SQLite. Write transactions queue up while the connection is busy; the queue
 * then runs everything waiting as one `BEGIN IMMEDIATE … COMMIT`, each write inside its own
 * SAVEPOINT, so the batch pays for one commit (one fsync with `synchronous=FULL`, one set of WAL
 * frames for pages several writes touch) instead of one per write.
 *
 * Each write keeps its own all-or-nothing outcome: a write that throws is rolled back to its
 * savepoint and rejected with its error, and the others still commit. Nothing is acknowledged
 * before the shared COMMIT succeeds; if the COMMIT (or the transaction) fails, every write of the
 * batch is rejected, so an acknowledged write is always durable. Writes see the ones before them
 * in the batch, exactly as if they had committed one after the other (the optimistic revision
 * check of a second event on the same instance fails the same way).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Executor } from './store-context.js';

/** Most writes one batch runs before it commits (bounds how long the write lock is held). */
export const MAX_BATCH = 64;

interface Job {
  fn: (db: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteQueue {
  readonly #db: Kysely<Database>;
  readonly #onRollback: () => void;
  readonly #maxBatch: number;
  readonly #queue: Job[] = [];
  #running = false;

  readonly #onCommit: (() => void) | undefined;

  /**
   * `onRollback` runs after any rollback (cached table layouts may be stale after rolled-back
   * DDL); `onCommit` after each committed batch.
   */
  constructor(
    db: Kysely<Database>,
    onRollback: () => void,
    options: { maxBatch?: number; onCommit?: () => void } = {},
  ) {
    this.#db = db;
    this.#onRollback = onRollback;
    this.#maxBatch = options.maxBatch ?? MAX_BATCH;
    this.#onCommit = options.onCommit;
  }

  /** Runs `fn` in a write transaction (possibly shared with other writes, each in its savepoint). */
  run<T>(fn: (db: Executor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#running) {
        this.#running = true;
        void this.#drain();
      }
    });
  }

  async #drain(): Promise<void> {
    // The first batch starts after the I/O already waiting has been handled: a step runs from
    // BEGIN to COMMIT without yielding to I/O, so without this turn requests of concurrent
    // clients never met in a batch (under 50 HTTP clients nearly every batch held one write).
    // Waiting one turn lets those whose bodies have arrived join it, which shares the commit.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.#queue.length > 0) await this.#runBatch(this.#queue.splice(0, this.#maxBatch));
    } finally {
      this.#running = false;
    }
  }

  async #runBatch(batch: Job[]): Promise<void> {
    await this.#db
      .connection()
      .execute(async (conn) => {
        // IMMEDIATE takes the lock now, so the transaction cannot fail later when upgrading.
        try {
          await sql`begin immediate`.execute(conn);
        } catch (e) {
          for (const job of batch) job.reject(e);
          return;
        }
        if (batch.length === 1) return this.#runAlone(conn, batch[0]!);
        const done: [Job, unknown][] = [];
        for (const [i, job] of batch.entries()) {
          try {
            await sql`savepoint flowcase_write`.execute(conn);
            const result = await job.fn(conn);
            await sql`release flowcase_write`.execute(conn);
            done.push([job, result]);
          } catch (e) {
            try {
              await sql`rollback to flowcase_write`.execute(conn);
              await sql`release flowcase_write`.execute(conn);
            } catch {
              // SQLite ended the whole transaction (disk full, I/O error): nothing of this batch
              // committed. The writes that ran are rejected; the ones that did not run wait for
              // the next batch.
              this.#onRollback();
              for (const [ran] of done) ran.reject(e);
              job.reject(e);
              this.#queue.unshift(...batch.slice(i + 1));
              return;
            }
            this.#onRollback();
            job.reject(e);
          }
        }
        try {
          await sql`commit`.execute(conn);
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          this.#onRollback();
          for (const [job] of done) job.reject(e);
          return;
        }
        this.#onCommit?.();
        for (const [job, result] of done) job.resolve(result);
      })
      .catch((e: unknown) => {
        // The connection itself failed (closed store): whoever is still waiting hears about it.
        for (const job of batch) job.reject(e);
      });
  }

  /** A batch of one needs no savepoint: the transaction is the write. */
  async #runAlone(conn: Executor, job: Job): Promise<void> {
    let result: unknown;
    try {
      result = await job.fn(conn);
      await sql`commit`.execute(conn);
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      this.#onRollback();
      job.reject(e);
      return;
    }
    this.#onCommit?.();
    job.resolve(result);
  }
}
