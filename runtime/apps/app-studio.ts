/**
 * The app studio's view of installed apps and the administrators' changes to them: list with
 * status and versions, create a blank app, rename, archive, and choose which roles design an app.
 * Installing and publishing stay in app-service.ts; this module builds on it.
 *
 * A rename or a change of design roles is a change to the published app, so it is published as
 * the next version (from the current one, never from an unfinished draft) and made to the draft
 * too, in one transaction: the version history shows it and the next publish keeps it.
 */
import { FlowcaseError, type AppBundle, type LocalizedText, type Problem } from '../../engine/index.js';
import type { Actor } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { AppRow, Store } from '../store/store.js';
import { canDesignApp, isAdmin } from './app-access.js';
import type { AppService, InstallResult } from './app-service.js';

export interface StudioApp {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  /** `archived`: left out of the end users' app list (`GET /api/v1/apps`); its records stay. */
  status: 'active' | 'archived';
  archivedAt?: string;
  /** The current published version. */
  version: number;
  publishedAt: string;
  /** How many versions were published. */
  versions: number;
  /** Whether the draft differs from the current version (unpublished changes). */
  draftChanged: boolean;
  canDesign: boolean;
  roles: { key: string; name: LocalizedText; design: boolean; customer: boolean }[];
  counts: { forms: number; flows: number; dashboards: number };
}

export interface StudioVersion {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; displayName: string };
  current: boolean;
}

export interface BlankApp {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
}

export interface AppStudioDeps {
  store: Store;
  clock: Clock;
  apps: AppService;
}

function forbidden(): FlowcaseError {
  return new FlowcaseError('FC_FORBIDDEN', {
    en: 'Only administrators change apps in the studio.',
    zh: '只有管理员可以在应用工作台修改应用。',
  });
}

/** The bundle without its version number, as text: what "the draft differs" compares. */
function content(bundle: AppBundle): string {
  const { version: _version, ...rest } = bundle;
  return JSON.stringify(rest);
}

export class AppStudio {
  constructor(private readonly deps: AppStudioDeps) {}

  /** Apps the actor may design (admins: every app, archived ones too), by key. */
  async list(actor: Actor): Promise<StudioApp[]> {
    const out: StudioApp[] = [];
    for (const row of await this.deps.store.listApps()) {
      if (row.currentVersion === null) continue;
      const bundle = await this.deps.apps.getBundle(row.key, row.currentVersion);
      if (!bundle || !canDesignApp(bundle, actor)) continue;
      out.push(await this.describe(row, bundle, actor));
    }
    return out;
  }

  /** One app as `list` shows it; 404 for an app the actor may not design (its existence stays hidden). */
  async get(key: string, actor: Actor): Promise<StudioApp> {
    const { row, bundle } = await this.designable(key, actor);
    return this.describe(row, bundle, actor);
  }

  /** Published versions, newest first, with who published each. */
  async versions(key: string, actor: Actor): Promise<StudioVersion[]> {
    const { row } = await this.designable(key, actor);
    const versions = await this.deps.store.listAppVersions(key);
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
      current: v.version === row.currentVersion,
    }));
  }

  /** Installs an app with no forms, flows or roles yet, for the designer to fill (admins). */
  createBlank(blank: BlankApp, actor: Actor): Promise<InstallResult> {
    if (!isAdmin(actor)) return Promise.reject(forbidden());
    const bundle = {
      format: 'flowcase/app@1',
      key: blank.key,
      name: blank.name,
      version: 1,
      ...(blank.description === undefined ? {} : { description: blank.description }),
      roles: [],
      forms: [],
      flows: [],
      dashboards: [],
    };
    return this.deps.apps.install({ bundle }, actor, { sampleData: false });
  }

  /**
   * A new name and/or exactly the roles `designRoles` names designing the app (admins), published
   * as one next version. Each design role must be one the app declares: 422 naming
   * `/designRoles/<i>` otherwise, and nothing changes.
   */
  async update(
    key: string,
    patch: { name?: LocalizedText; designRoles?: readonly string[] },
    actor: Actor,
  ): Promise<StudioApp> {
    if (!isAdmin(actor)) throw forbidden();
    const { bundle } = await this.existing(key);
    const { name, designRoles } = patch;
    if (designRoles !== undefined) {
      const declared = new Set(bundle.roles.map((r) => r.key));
      const problems: Problem[] = designRoles.flatMap((role, i) =>
        declared.has(role)
          ? []
          : [
              {
                path: `/designRoles/${i}`,
                code: 'app.unknown_role',
                message: `The app ${key} declares no role ${role}.`,
                zh: `应用 ${key} 没有角色 ${role}。`,
              },
            ],
      );
      if (problems.length > 0)
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          { en: 'Unknown roles.', zh: '角色不存在。' },
          { problems },
        );
    }
    const wanted = new Set(designRoles);
    return this.change(key, actor, (b) => ({
      ...b,
      ...(name === undefined ? {} : { name }),
      ...(designRoles === undefined
        ? {}
        : {
            roles: b.roles.map((role) => {
              const { design: _design, ...rest } = role;
              return wanted.has(role.key) ? { ...rest, design: true } : rest;
            }),
          }),
    }));
  }

  /** Archives or brings back an app (admins). Records, cases and versions are kept either way. */
  async setArchived(key: string, archived: boolean, actor: Actor): Promise<StudioApp> {
    if (!isAdmin(actor)) throw forbidden();
    await this.existing(key);
    await this.deps.store.setAppArchived(key, archived ? this.deps.clock.now().toISOString() : null);
    return this.get(key, actor);
  }

  private async change(
    key: string,
    actor: Actor,
    edit: (bundle: AppBundle) => AppBundle,
  ): Promise<StudioApp> {
    if (!isAdmin(actor)) throw forbidden();
    const { row, bundle } = await this.existing(key);
    const next = edit(bundle);
    if (content(next) === content(bundle)) return this.describe(row, bundle, actor);
    const draft = row.draft ? edit(row.draft) : undefined;
    await this.deps.store.publishApp(key, {
      by: actor.id,
      bundle: next,
      at: this.deps.clock.now().toISOString(),
      ...(draft ? { draft } : {}),
    });
    return this.get(key, actor);
  }

  private async describe(row: AppRow, bundle: AppBundle, actor: Actor): Promise<StudioApp> {
    const versions = await this.deps.store.listAppVersions(row.key);
    const current = versions.find((v) => v.version === row.currentVersion);
    const draft = row.draft;
    return {
      key: row.key,
      name: bundle.name,
      ...(bundle.description === undefined ? {} : { description: bundle.description }),
      status: row.archivedAt ? 'archived' : 'active',
      ...(row.archivedAt ? { archivedAt: row.archivedAt } : {}),
      version: row.currentVersion ?? 0,
      publishedAt: current?.publishedAt ?? row.updatedAt,
      versions: versions.length,
      draftChanged: draft !== null && content(draft) !== content(bundle),
      canDesign: canDesignApp(bundle, actor),
      roles: bundle.roles.map((r) => ({
        key: r.key,
        name: r.name,
        design: r.design === true,
        customer: r.customer === true,
      })),
      counts: {
        forms: bundle.forms.length,
        flows: bundle.flows.length,
        dashboards: bundle.dashboards.length,
      },
    };
  }

  private async existing(key: string): Promise<{ row: AppRow; bundle: AppBundle }> {
    const row = await this.deps.store.getApp(key);
    const bundle =
      row && row.currentVersion !== null
        ? await this.deps.apps.getBundle(key, row.currentVersion)
        : undefined;
    if (!row || !bundle) throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${key}.`, { path: '/app' });
    return { row, bundle };
  }

  private async designable(key: string, actor: Actor): Promise<{ row: AppRow; bundle: AppBundle }> {
    const found = await this.existing(key);
    if (!canDesignApp(found.bundle, actor))
      throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${key}.`, { path: '/app' });
    return found;
  }
}
