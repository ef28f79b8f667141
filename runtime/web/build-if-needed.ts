/**
 * Builds the web app when `runtime/web/dist` is missing or older than its sources (the app, its
 * config, the shared browser parts in ui/, the API shapes in contract/, and engine/ which the
 * form-engine worker bundles). Used by `npm start` (prestart) and by
 * the e2e tests; `npm run build:web` always builds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const distIndex = path.join(here, 'dist', 'index.html');
const SOURCES = [
  path.join(here, 'src'),
  path.join(here, 'index.html'),
  path.join(here, 'vite.config.ts'),
  path.join(repo, 'ui'),
  path.join(repo, 'contract'),
  path.join(repo, 'engine'),
];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

/** True when the built app is missing or older than any source. */
export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

/** Builds with Vite when stale; resolves to whether it built. */
export async function buildWebIfNeeded(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !webBuildIsStale()) return false;
  const { build } = await import('vite');
  // Vite and the React plugin decide "production" from NODE_ENV, which test runners set to "test".
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(here, 'vite.config.ts'),
      mode: 'production',
      logLevel: options.quiet ? 'warn' : 'info',
    });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  buildWebIfNeeded({ force }).then(
    (built) => {
      if (!built) console.log('Web app is up to date (runtime/web/dist).');
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
