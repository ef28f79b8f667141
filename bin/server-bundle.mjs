// @ts-check
/**
 * The CLI and server (runtime/cli.ts and everything of ours it imports) bundled by esbuild into
 * one ES module, runtime/dist/flowcase.mjs, with npm packages left as imports. It is rebuilt when a
 * file it was built from changed since (the list esbuild reported is kept beside it).
 *
 * Why not run the TypeScript through tsx as before: tsx's loader runs on a thread of its own and
 * keeps every module's transformed source, so a server started at 150 MB RSS; bundled it starts at
 * 75 MB, and an export of a million rows must stay under 300 MB in all.
 */
import { readFileSync, renameSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = path.join(ROOT, 'runtime', 'dist', 'flowcase.mjs');

/** True when the bundle `outfile` exists and none of the files it was built from changed after it. */
export function bundleIsFresh(outfile = BUNDLE) {
  let built;
  let inputs;
  try {
    built = statSync(outfile).mtimeMs;
    inputs = JSON.parse(readFileSync(`${outfile}.inputs.json`, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const file of inputs) {
    try {
      if (statSync(path.join(ROOT, String(file))).mtimeMs > built) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Builds the CLI's bundle (about half a second). */
export function buildBundle() {
  return bundle('runtime/cli.ts', BUNDLE);
}

/**
 * Bundles `entry` (relative to the repository) into `outfile`, with the list of files it was built
 * from beside it. `outfile` belongs in runtime/dist/: modules find files relative to their own URL
 * (the web app, the templates), which resolve from there as from their sources. Each process
 * writes its own temporary files and renames them into place, so servers started at once on a
 * changed tree never read half a bundle. The bundle's time is the build's start: a source saved
 * during the build makes it stale.
 */
export async function bundle(entry, outfile) {
  const started = new Date();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Error classes and stack traces keep their names, as under tsx.
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild wrote no bundle');
  mkdirSync(path.dirname(outfile), { recursive: true });
  const tmp = `.${process.pid}.tmp`;
  const inputs = `${outfile}.inputs.json`;
  writeFileSync(inputs + tmp, JSON.stringify(Object.keys(result.metafile.inputs)));
  writeFileSync(outfile + tmp, code);
  utimesSync(outfile + tmp, started, started);
  renameSync(inputs + tmp, inputs);
  renameSync(outfile + tmp, outfile);
  return outfile;
}
