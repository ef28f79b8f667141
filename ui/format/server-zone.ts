/**
 * The server's time zone, which report periods are local to: "today" and the quick picks are
 * counted there, not in this device's zone. Learnt from the app view and every report answer,
 * and kept across visits.
 */
const ZONE_KEY = 'flowcase.timeZone';
let serverZone: string | undefined;
try {
  serverZone = localStorage.getItem(ZONE_KEY) ?? undefined;
} catch {
  // private mode
}

/** Remembers the zone an answer names; whether it was not the one assumed until now. */
export function rememberServerZone(zone: string | undefined): boolean {
  if (!zone || zone === serverZone) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    return false;
  }
  serverZone = zone;
  try {
    localStorage.setItem(ZONE_KEY, zone);
  } catch {
    // private mode: remembered for this page only
  }
  return true;
}

/** The zone last learnt (undefined: this device's, until the server names its own). */
export function serverTimeZone(): string | undefined {
  return serverZone;
}
