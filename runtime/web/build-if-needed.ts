/**
 * Builds the web app when `runtime/web/dist` is missing or older than its sources (the app, its
 * config, the shared browser parts in ui/, the API shapes in contract/, and engine/ which the
 * form-engine worker bundles). Used by `npm start` (prestart) and by the e2e tests;
 * `npm run build:web` always builds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAppBuild } from '../build/browser-app-build.js';

const web = browserAppBuild(path.dirname(fileURLToPath(import.meta.url)));

export const webBuildIsStale = web.isStale;
export const buildWebIfNeeded = web.buildIfNeeded;

web.runAsScript(import.meta.url, 'Web app is up to date (runtime/web/dist).');
