/**
 * What the designer can tell about a webhook address before the server tries it. The server calls
 * only hosts on its allow-list (FLOWCASE_WEBHOOK_ALLOW, runtime/jobs/webhook-allow-list.ts) and
 * refuses private, loopback and link-local addresses unless an administrator allowed them; the
 * list is the server's setting, not the bundle's, so the validator cannot check it and a call to
 * a host not on it fails at delivery and opens an incident. Here: what is certainly refused
 * (`error`) and what is likely refused (`warning`).
 */
export type WebhookWarning =
  | { level: 'error'; code: 'not_url' | 'not_http' | 'credentials' }
  | { level: 'warning'; code: 'plain_http' | 'internal_host' | 'template_in_url' };

const INTERNAL_HOST =
  /^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe80:[0-9a-f:]*\])$/i;

export function webhookWarnings(url: string): WebhookWarning[] {
  if (url.trim() === '') return [];
  const out: WebhookWarning[] = [];
  if (url.includes('{{')) out.push({ level: 'warning', code: 'template_in_url' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [...out, { level: 'error', code: 'not_url' }];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return [...out, { level: 'error', code: 'not_http' }];
  if (parsed.username || parsed.password) out.push({ level: 'error', code: 'credentials' });
  if (parsed.protocol === 'http:') out.push({ level: 'warning', code: 'plain_http' });
  if (INTERNAL_HOST.test(parsed.hostname)) out.push({ level: 'warning', code: 'internal_host' });
  return out;
}
