/**
 * A CSV chunk's bytes (`LineBytes`, the parallel export's formatting threads): each line as UTF-8
 * followed by CRLF, exactly what encoding the joined chunk gives, Chinese, emoji and a lone
 * surrogate included; the buffer grows past its first size without losing what it held, and each
 * chunk is a buffer of its own that the next chunk does not touch.
 */
import { describe, expect, it } from 'vitest';
import { LineBytes } from '../../runtime/reports/csv-line-bytes.js';

describe('the bytes of a CSV chunk', () => {
  const lines = [
    'ID,标题,金额',
    'r1,"脱水时剧烈震动, shakes",12.5',
    'r2,emoji 🔧 fix,0',
    'r3,lone \ud800 surrogate,',
    '',
    'x'.repeat(100),
  ];
  const expected = (ls: string[]) => new Uint8Array(Buffer.from(ls.map((l) => l + '\r\n').join(''), 'utf8'));

  it('is each line in UTF-8 with CRLF, growing from a tiny buffer', () => {
    const bytes = new LineBytes(8);
    for (const l of lines) bytes.add(l);
    expect(bytes.take()).toEqual(expected(lines));
  });

  it('starts each chunk empty, and a chunk taken stays as it was', () => {
    const bytes = new LineBytes(64);
    bytes.add(lines[1]!);
    const first = bytes.take();
    bytes.add(lines[2]!);
    bytes.add(lines[5]!);
    const second = bytes.take();
    expect(first).toEqual(expected([lines[1]!]));
    expect(second).toEqual(expected([lines[2]!, lines[5]!]));
    expect(bytes.take().length).toBe(0);
  });
});
