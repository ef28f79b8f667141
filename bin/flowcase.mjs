#!/usr/bin/env node
// Runs the CLI from its bundle (bin/server-bundle.mjs), built on first use and again whenever a
// source changed, so `npx flowcase …` needs no build step. FLOWCASE_FROM_SOURCE=1 runs the
// TypeScript through tsx's loader instead (stack traces with the sources' lines), as does a
// bundle that cannot be built.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleIsFresh } from './server-bundle.mjs';

async function fromBundle() {
  if (process.env.FLOWCASE_FROM_SOURCE === '1') return false;
  try {
    if (!bundleIsFresh()) await buildBundle();
    return true;
  } catch (e) {
    console.error(
      `flowcase: running from source, the bundle could not be built: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}

if (await fromBundle()) {
  await import(pathToFileURL(BUNDLE).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../runtime/cli.ts');
}
