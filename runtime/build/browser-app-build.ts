/**
 * Building a browser app (the web app, the designer) with Vite only when its `dist` is missing or
 * older than a source: its own folder and the shared ui/, contract/ and engine/ it bundles. Each
 * app's `build-if-needed.ts` names its folder; `npm start` (prestart) and the e2e tests call them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

export interface BrowserAppBuild {
  /** The built app's folder (`<app>/dist`). */
  dist: string;
  /** True when the built app is missing or older than any source. */
  isStale: () => boolean;
  /** Builds with Vite when stale (always with `force`); resolves to whether it built. */
  buildIfNeeded: (options?: { force?: boolean; quiet?: boolean }) => Promise<boolean>;
  /** Runs the build when `moduleUrl` is the script node started, printing `upToDate` when nothing was stale. */
  runAsScript: (moduleUrl: string, upToDate: string) => void;
}

/** The build of the browser app whose `index.html`, `src/` and `vite.config.ts` are in `appDir`. */
export function browserAppBuild(appDir: string): BrowserAppBuild {
  const dist = path.join(appDir, 'dist');
  const distIndex = path.join(dist, 'index.html');
  const sources = [
    path.join(appDir, 'src'),
    path.join(appDir, 'index.html'),
    path.join(appDir, 'vite.config.ts'),
    path.join(repo, 'ui'),
    path.join(repo, 'contract'),
    path.join(repo, 'engine'),
  ];
  const isStale = () => {
    if (!existsSync(distIndex)) return true;
    const built = statSync(distIndex).mtimeMs;
    return sources.some((s) => newest(s) > built);
  };
  const buildIfNeeded = async (options: { force?: boolean; quiet?: boolean } = {}) => {
    if (!options.force && !isStale()) return false;
    const { build } = await import('vite');
    // Vite and the React plugin decide "production" from NODE_ENV, which test runners set to "test".
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: path.join(appDir, 'vite.config.ts'),
        mode: 'production',
        logLevel: options.quiet ? 'warn' : 'info',
      });
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
    return true;
  };
  const runAsScript = (moduleUrl: string, upToDate: string) => {
    if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
    buildIfNeeded({ force: process.argv.includes('--force') }).then(
      (built) => {
        if (!built) console.log(upToDate);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  return { dist, isStale, buildIfNeeded, runAsScript };
}
