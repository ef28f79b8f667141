/**
 * An app's published versions as the people who change it need them: which versions there are,
 * who published each and when, how many cases still run on each (so an administrator sees which
 * versions are still in use), and what changed between any two of them, grouped so it reads node
 * by node and field by field. Admins and the app's designers only; others get the same 404 or 403
 * as the draft routes give.
 */
import { diffBundles, FlowcaseError, type AppBundle, type BundleChange } from '../../engine/index.js';
import type { Actor } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { assertPublishable } from './drafts.js';
import { canDesignApp, canUseApp } from './app-access.js';
import type { VersionCache } from './version-cache.js';

export interface VersionEntry {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; displayName: string };
  /** The version new cases start on. */
  current: boolean;
  /** Cases still open on this version. */
  openInstances: number;
}

/** The changes that concern one form, flow or dashboard, or the app as a whole. */
export interface ChangeGroup {
  kind: 'app' | 'form' | 'flow' | 'dashboard';
  key: string;
  /** Set when the form, flow or dashboard itself was added or removed. */
  change?: BundleChange['change'];
  /** Its fields, nodes, transitions or widgets, in the diff's order. */
  changes: BundleChange[];
}

export interface VersionDiff {
  app: string;
  from: number;
  to: number;
  /** Every change, flat, as `diffBundles` gives it. */
  changes: BundleChange[];
  /** The same changes grouped by the form, flow or dashboard they belong to. */
  groups: ChangeGroup[];
}

export type VersionDeps = { store: Store; versions: VersionCache };

/** The current version when the actor may design the app; hidden apps stay hidden (404). */
export async function designableVersion(deps: VersionDeps, app: string, actor: Actor): Promise<number> {
  const current = await deps.store.getCurrentVersion(app);
  const bundle = current ? await deps.versions.bundle(app, current) : undefined;
  if (!current || !bundle || !canUseApp(bundle, actor))
    throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${app}.`);
  // The published roles decide who designs, as for drafts.
  if (!canDesignApp(bundle, actor))
    throw new FlowcaseError('FC_FORBIDDEN', `You may not see the versions of the app ${app}.`);
  return current;
}

/** A published bundle; 404 naming the request's `path` when the app has no such version. */
export async function versionBundle(
  deps: VersionDeps,
  app: string,
  version: number,
  path: string,
): Promise<AppBundle> {
  const bundle = await deps.versions.bundle(app, version);
  if (!bundle) throw new FlowcaseError('FC_NOT_FOUND', `App ${app} has no version ${version}.`, { path });
  return bundle;
}

/** Groups a flat diff: roles, the app's own properties and layout go to the `app` group. */
export function groupChanges(app: string, changes: BundleChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  const group = (kind: ChangeGroup['kind'], key: string): ChangeGroup => {
    const id = `${kind}:${key}`;
    let found = groups.get(id);
    if (!found) groups.set(id, (found = { kind, key, changes: [] }));
    return found;
  };
  for (const c of changes) {
    if (c.kind === 'form' || c.kind === 'flow' || c.kind === 'dashboard') {
      const g = group(c.kind, c.key);
      if (c.change !== 'changed') g.change = c.change;
      g.changes.push(c);
    } else if (c.kind === 'field' && c.form) group('form', c.form).changes.push(c);
    else if ((c.kind === 'node' || c.kind === 'transition') && c.flow) group('flow', c.flow).changes.push(c);
    else if (c.kind === 'widget' && c.dashboard) group('dashboard', c.dashboard).changes.push(c);
    else group('app', app).changes.push(c);
  }
  return [...groups.values()];
}

export class VersionHistory {
  constructor(private readonly deps: VersionDeps) {}

  /** Published versions, newest first, with their open cases. */
  async list(app: string, actor: Actor): Promise<VersionEntry[]> {
    const current = await designableVersion(this.deps, app, actor);
    const [versions, open] = await Promise.all([
      this.deps.store.listAppVersions(app),
      this.deps.store.countOpenInstancesByVersion(app),
    ]);
    const people = new Map(
      (await this.deps.store.getUsers([...new Set(versions.map((v) => v.publishedBy))])).map((u) => [
        u.id,
        u.displayName,
      ]),
    );
    return versions.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt,
      publishedBy: { id: v.publishedBy, displayName: people.get(v.publishedBy) ?? v.publishedBy },
      current: v.version === current,
      openInstances: open.get(v.version) ?? 0,
    }));
  }

  /** What changed from version `from` to version `to` (either order; the same version is no change). */
  async diff(app: string, from: number, to: number, actor: Actor): Promise<VersionDiff> {
    await designableVersion(this.deps, app, actor);
    const [a, b] = await Promise.all([
      versionBundle(this.deps, app, from, '/from'),
      versionBundle(this.deps, app, to, '/to'),
    ]);
    const changes = diffBundles(a, b);
    return { app, from, to, changes, groups: groupChanges(app, changes) };
  }

  /**
   * Publishes version `version` again as the newest (a new version number): new cases start on it;
   * open cases keep theirs. The draft is left as it is. Checked again, since checks may have grown.
   */
  async republish(
    app: string,
    version: number,
    actor: Actor,
    clock: Clock,
  ): Promise<{ app: string; version: number; republished: number }> {
    await designableVersion(this.deps, app, actor);
    const bundle = await versionBundle(this.deps, app, version, '/version');
    assertPublishable(bundle);
    const published = await this.deps.store.publishApp(app, {
      by: actor.id,
      bundle,
      at: clock.now().toISOString(),
    });
    return { app, version: published, republished: version };
  }
}
