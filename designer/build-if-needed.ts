/**
 * Builds the designer when `designer/dist` is missing or older than its sources (its own, and the
 * shared ui/, contract/ and engine/ it bundles). Used by `npm start` (prestart) and by the e2e
 * tests; `npm run build:designer` always builds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAppBuild } from '../runtime/build/browser-app-build.js';

const designer = browserAppBuild(path.dirname(fileURLToPath(import.meta.url)));

export const DESIGNER_DIST = designer.dist;
export const buildDesignerIfNeeded = designer.buildIfNeeded;

designer.runAsScript(import.meta.url, 'Designer is up to date (designer/dist).');
