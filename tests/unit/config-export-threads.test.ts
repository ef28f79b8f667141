/**
 * `FLOWCASE_EXPORT_THREADS_FROM`: the table size from which CSV exports run on worker threads.
 * Unset leaves the report service's default; anything but a whole number of rows is refused at
 * start, naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';

describe('FLOWCASE_EXPORT_THREADS_FROM', () => {
  it('reads a whole number of rows, 0 included', () => {
    expect(readConfig({ FLOWCASE_EXPORT_THREADS_FROM: '5000' }).exportThreadsFrom).toBe(5000);
    expect(readConfig({ FLOWCASE_EXPORT_THREADS_FROM: '0' }).exportThreadsFrom).toBe(0);
  });

  it('leaves the default when unset or empty', () => {
    expect(readConfig({}).exportThreadsFrom).toBeUndefined();
    expect(readConfig({ FLOWCASE_EXPORT_THREADS_FROM: '' }).exportThreadsFrom).toBeUndefined();
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['many', '-1', '2.5', '1e400'])
      expect(() => readConfig({ FLOWCASE_EXPORT_THREADS_FROM: bad })).toThrow(
        `FLOWCASE_EXPORT_THREADS_FROM: "${bad}" is not a whole number of rows.`,
      );
  });
});
