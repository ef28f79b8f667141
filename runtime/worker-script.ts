/**
 * The script of a worker thread: a TypeScript entry and what it imports bundled by esbuild into
 * one CommonJS script (once per process and entry, ~50 ms), run with `new Worker(script, { eval:
 * true })`. A worker does not inherit this thread's module hooks, and loading tsx in each worker
 * instead took ~600 ms before its first row. Native addons cannot be bundled: an entry loads
 * better-sqlite3 by the path it is given (`SQLITE_DRIVER`).
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const scripts = new Map<string, Promise<string>>();

/** `entry` is a file path; callers resolve it from `import.meta.url` (also bundled, runtime/dist). */
export function workerScript(entry: string): Promise<string> {
  let script = scripts.get(entry);
  if (!script) {
    script = build({
      entryPoints: [entry],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0]!.text);
    // A failed build is tried again next time (the caller falls back meanwhile).
    script.catch(() => scripts.delete(entry));
    scripts.set(entry, script);
  }
  return script;
}

/** Where a worker requires better-sqlite3 from. */
export const SQLITE_DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');
