/**
 * Builds the designer when `designer/dist` is missing or older than its sources (its own, and the
 * shared ui/, contract/ and engine/ it bundles). Used by `npm start` (prestart) and by the e2e
 * tests; `npm run build:designer` always builds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
export const DESIGNER_DIST = path.join(here, 'dist');
const distIndex = path.join(DESIGNER_DIST, 'index.html');
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

/** True when the built designer is missing or older than any source. */
export function designerBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

/** Builds with Vite when stale; resolves to whether it built. */
export async function buildDesignerIfNeeded(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  if (!options.force && !designerBuildIsStale()) return false;
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
  buildDesignerIfNeeded({ force: process.argv.includes('--force') }).then(
    (built) => {
      if (!built) console.log('Designer is up to date (designer/dist).');
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
