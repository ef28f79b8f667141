/**
 * One webhook POST to an address checked beforehand (webhook-address.ts). The URL keeps its host
 * name, so the Host header, TLS SNI and the certificate check are those of the name, while the
 * connection goes to the checked address: the HTTP client's own DNS lookup is replaced by one that
 * answers that address, so a DNS record that changes after the check (rebinding) is never asked.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './webhook-address.js';

export interface WebhookResponse {
  status: number;
}

/** A `lookup` for Node's HTTP client that always answers `pinned` (in either callback form). */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

/** POSTs `body` to `url` over a connection to `address`; resolves with the status, the body discarded. */
export function postPinned(
  url: URL,
  address: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs = 10_000,
): Promise<WebhookResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(address),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume(); // the answer's body is not read; draining frees the socket
        response.on('error', () => undefined);
        resolve({ status: response.statusCode ?? 0 });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
