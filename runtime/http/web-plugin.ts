/**
 * Serves the end-user web app (`runtime/web`, built into `runtime/web/dist`) at `/`: hashed assets
 * with long-lived immutable caching, `index.html` revalidated on every load, and the app for every
 * other GET path that is not the API or the docs (client-side routes such as `/inbox`).
 *
 * Pages keep helmet's CSP (scripts from 'self' only, no inline scripts, no eval). The one
 * exception is the form-engine worker script: ajv compiles validators with `new Function`, so the
 * worker, and only the worker, is served with a policy of its own that allows eval. A worker has
 * no DOM and no cookies of the page to read; the page itself never allows eval.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowcaseError } from '../../engine/index.js';

export interface WebPluginOptions {
  /** The built app; defaults to `runtime/web/dist`. */
  root?: string;
}

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const WORKER_FILE = /^engine-worker-[\w-]+\.js$/;
export const WORKER_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'self'; base-uri 'none'; form-action 'none'";
const NOT_APP = /^\/(api|docs|assets)(\/|$)/;

/** The file's text, read again only when it changed on disk (a rebuild while the server runs). */
export function cachedIndex(file: string): () => string | undefined {
  let mtime = -1;
  let html: string | undefined;
  return () => {
    if (!existsSync(file)) return undefined;
    const m = statSync(file).mtimeMs;
    if (m !== mtime) {
      html = readFileSync(file, 'utf8');
      mtime = m;
    }
    return html;
  };
}

export default async function webPlugin(app: FastifyInstance, options: WebPluginOptions = {}): Promise<void> {
  const root = options.root ?? WEB_DIST;
  const index = cachedIndex(path.join(root, 'index.html'));
  if (existsSync(path.join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      wildcard: false,
      index: false,
      cacheControl: false,
      decorateReply: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', 'public, max-age=31536000, immutable');
        if (WORKER_FILE.test(path.basename(file))) reply.header('content-security-policy', WORKER_CSP);
      },
    });
  }

  const sendApp = (url: string, reply: FastifyReply) => {
    if (NOT_APP.test(url)) throw new FlowcaseError('FC_NOT_FOUND', 'There is no such route.');
    const html = index();
    reply.header('cache-control', 'no-cache');
    if (!html)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build:web`.');
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get('/', { schema: { hide: true } }, (request, reply) => sendApp(request.url, reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) =>
    sendApp(request.url.split('?')[0] ?? '', reply),
  );
}
