/**
 * The one way the web app talks to the server: JSON over `/api/v1` with the session cookie, the
 * CSRF token echoed on unsafe requests, and problem+json errors turned into `ApiError`.
 */
import type { FileInfo, ProblemItem as Problem } from '../contract/index.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly code?: string,
  ) {
    super(message);
  }
}

const CSRF_COOKIE = 'flowcase_csrf';
let onUnauthenticated: () => void = () => undefined;
let language: string | undefined;

/**
 * The language on screen, sent with every request (`X-Flowcase-Language`), so labels the server
 * words (chart series, pivot headers, step names, messages) match the page, whatever language the
 * user's account stores.
 */
export function setRequestLanguage(lang: string): void {
  language = lang;
}

/** The language requests are sent in (for links that cannot send a header: exports). */
export function requestLanguage(): string | undefined {
  return language;
}

/** Called when any request answers 401 (the session ended): the app shows the sign-in page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return '';
}

/**
 * Whether this browser may hold a session: the readable CSRF cookie is set and cleared with the
 * HttpOnly session cookie, so without it `GET /auth/me` could only answer 401 (which the browser
 * logs as a console error on every visit to the sign-in page).
 */
export function mayHaveSession(): boolean {
  return csrfToken() !== '';
}

async function toError(res: Response): Promise<ApiError> {
  let body: { title?: string; detail?: string; code?: string; errors?: Problem[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(
    res.status,
    body.detail ?? body.title ?? res.statusText,
    Array.isArray(body.errors) ? body.errors : [],
    body.code,
  );
}

async function send(method: string, path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  if (method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', csrfToken());
  if (language) headers.set('X-Flowcase-Language', language);
  const res = await fetch(`/api/v1${path}`, { ...init, method, headers, credentials: 'same-origin' });
  if (res.status === 401 && path !== '/auth/login') onUnauthenticated();
  if (!res.ok) throw await toError(res);
  return res;
}

/**
 * `GET` (or any method) with an optional JSON body and extra headers (the designer's `If-Match`);
 * resolves to the parsed answer, `undefined` on 204.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { headers }
      : { body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json' } };
  const res = await send(method, path, init);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** `POST` of a text body (a CSV file) with its content type; resolves to the parsed JSON answer. */
export async function postText<T>(path: string, text: string, contentType: string): Promise<T> {
  const res = await send('POST', path, { body: text, headers: { 'Content-Type': contentType } });
  return (await res.json()) as T;
}

/** Uploads one file (`POST /api/v1/files`, multipart part `file`). */
export async function uploadFile(file: File): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await send('POST', '/files', { body: form });
  return (await res.json()) as FileInfo;
}

/** A message for anything thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
}

/** A query string from the defined entries. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
