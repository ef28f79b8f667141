/**
 * Instants as people read them in a spreadsheet: the server's time zone with its offset,
 * `2026-12-06 23:14:14 +08:00`, rather than the stored UTC `2026-12-06T15:14:14.094Z`. Exports
 * format a million of these, so the zone's offset is looked up (through `Intl`) once per quarter
 * hour of UTC time: offsets only change on quarter hours.
 */

const QUARTER_HOUR = 900_000;
/** Quarter hours remembered per formatter before the memory starts over. */
const MEMO_LIMIT = 50_000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The UTC offset of `zone` at `ms`, in minutes (Asia/Shanghai: 480), read from `format`. */
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * A function turning an ISO instant into local time in `zone` with the offset; text that is not
 * an instant comes back as it is.
 *
 * @example localDateTime('Asia/Shanghai')('2026-12-06T15:14:14.094Z') // '2026-12-06 23:14:14 +08:00'
 */
export function localDateTime(zone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offsets = new Map<number, number>();
  return (iso) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(format, ms);
      if (offsets.size >= MEMO_LIMIT) offsets.clear();
      offsets.set(quarter, offset);
    }
    const local = new Date(ms + offset * 60_000).toISOString();
    const abs = Math.abs(offset);
    return `${local.slice(0, 10)} ${local.slice(11, 19)} ${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
}
