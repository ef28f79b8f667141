/**
 * Serves the designer (`designer/`, built into `designer/dist`): the app studio at `/design` and
 * the admin console at `/admin`, one single-page app with its hashed assets under
 * `/design/assets/` (immutable caching) and `index.html` revalidated on every load. It signs in
 * with the same session cookie as the web app and keeps helmet's strict CSP (no inline scripts,
 * no eval). The end-user web app never loads any of it.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowcaseError } from '../../engine/index.js';
import { cachedIndex, WORKER_CSP } from './web-plugin.js';

export interface DesignerPluginOptions {
  /** The built designer; defaults to `designer/dist`. */
  root?: string;
}

/**
 * The form designer's preview worker runs the engine's form compiler, whose validators ajv builds
 * with `new Function`: that script alone is served with a policy allowing eval, as the web app's
 * form-engine worker is (web-plugin.ts); pages keep the strict one.
 */
const PREVIEW_WORKER_FILE = /^preview-worker-[\w-]+\.js$/;

export const DESIGNER_DIST = fileURLToPath(new URL('../../designer/dist', import.meta.url));

export default async function designerPlugin(
  app: FastifyInstance,
  options: DesignerPluginOptions = {},
): Promise<void> {
  const root = options.root ?? DESIGNER_DIST;
  const index = cachedIndex(path.join(root, 'index.html'));
  if (existsSync(path.join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(root, 'assets'),
      prefix: '/design/assets/',
      wildcard: false,
      index: false,
      cacheControl: false,
      decorateReply: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', 'public, max-age=31536000, immutable');
        if (PREVIEW_WORKER_FILE.test(path.basename(file)))
          reply.header('content-security-policy', WORKER_CSP);
      },
    });
  }

  const sendDesigner = (url: string, reply: FastifyReply) => {
    // A missing asset is a 404, not the page (a stale tab asking for an old hash).
    if (url.startsWith('/design/assets/')) throw new FlowcaseError('FC_NOT_FOUND', 'There is no such file.');
    const html = index();
    reply.header('cache-control', 'no-cache');
    if (!html)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The designer is not built yet: run `npm run build:designer`.');
    return reply.type('text/html; charset=utf-8').send(html);
  };
  for (const at of ['/design', '/design/*', '/admin', '/admin/*'])
    app.get(at, { schema: { hide: true } }, (request, reply) =>
      sendDesigner(request.url.split('?')[0] ?? '', reply),
    );
}
