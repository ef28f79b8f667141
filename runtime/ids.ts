/**
 * Ids for rows the server creates: UUID version 7 (RFC 9562), the creation time in its first 48
 * bits and 74 random bits after. Rows keyed by them land at the end of their B-trees (records,
 * instances, tasks, timers, history by instance) instead of at random pages, so inserts stay cheap
 * and cache-friendly as tables grow to millions of rows.
 */
import { randomFillSync } from 'node:crypto';

// A step makes several ids (tasks, timers, outbox rows); one call into the CSPRNG per id cost
// about 2 µs each, a refill of the pool per 400 ids costs the same once.
const POOL_IDS = 400;
const pool = Buffer.alloc(POOL_IDS * 10);
let used = POOL_IDS;
const id = Buffer.alloc(16);

export function uuidv7(ms: number): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  pool.copy(id, 6, used * 10, used * 10 + 10);
  used += 1;
  let t = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i--) {
    id[i] = t % 256;
    t = Math.floor(t / 256);
  }
  id[6] = (id[6]! & 0x0f) | 0x70;
  id[8] = (id[8]! & 0x3f) | 0x80;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
