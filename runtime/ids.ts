/**
 * Ids for rows the server creates: UUID version 7 (RFC 9562), the creation time in its first 48
 * bits and 74 random bits after. Rows keyed by them land at the end of their B-trees (records,
 * instances, tasks, timers, history by instance) instead of at random pages, so inserts stay cheap
 * and cache-friendly as tables grow to millions of rows.
 */
import { randomBytes } from 'node:crypto';

export function uuidv7(ms: number): string {
  const bytes = randomBytes(16);
  let t = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
