/**
 * Outbound webhook targets must match the allow-list setting, so a designer cannot point the server
 * at internal addresses (cloud metadata, the database, admin consoles) by default.
 */
export function webhookAllowed(url: string, allowList: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const target = parsed.port ? `${host}:${parsed.port}` : host;
  return allowList.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule.startsWith('*.')) return host.endsWith(rule.slice(1));
    return rule === host || rule === target;
  });
}
