/**
 * Installing, designing and publishing apps: what `POST /api/v1/apps`, the designer's draft routes
 * and `flowcase install` share. Nothing is stored unless the whole bundle validates.
 */
import {
  diffBundles,
  FlowcaseError,
  type AppBundle,
  type BundleChange,
  type Problem,
} from '../../engine/index.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import type { Actor, CaseService } from '../cases/types.js';
import type { Clock } from '../clock.js';
import { DraftRevisionConflict, type AppRow, type Store } from '../store/store.js';
import { withUsableListViews } from '../cases/list-views.js';
import { canDesignApp, canUseApp, isAdmin, withVisibleDashboards } from './app-access.js';
import { toAppSummary, toAppView, type AppSummary, type AppView } from './app-view.js';
import {
  assertPublishable,
  draftState,
  requiredRevision,
  withLayout,
  withRoles,
  withPart,
  withoutPart,
  type DraftPart,
  type DraftView,
  type RemovedDraftPart,
  type SavedDraftLayout,
  type SavedDraftPart,
  type SavedDraftRoles,
} from './drafts.js';
import { checkSampleData, insertSampleData } from './sample-data.js';
import { TemplateCatalog, type TemplateInfo } from './template-catalog.js';
import type { VersionCache } from './version-cache.js';

export type { DraftPart } from './drafts.js';

/** What publishing the draft would change (`GET …/draft/diff`). */
export interface DraftDiff {
  /** The published version the draft is compared with. */
  version: number;
  revision: number;
  changes: BundleChange[];
}

export type InstallSource = { template: string } | { bundle: unknown };

export interface InstallResult {
  app: AppView;
  /** How many `sampleData` records were inserted. */
  sampleRecords: number;
}

export interface AppServiceDeps {
  store: Store;
  clock: Clock;
  cases: CaseService;
  /** Published bundles come from the process's one cache (`Services.versions`). */
  versions: VersionCache;
  /** Defaults to the shipped `templates/` folder. */
  templatesDir?: string;
}

export interface AppService {
  listTemplates(): Promise<TemplateInfo[]>;
  /** The file of a template's screenshot, when it has one. */
  templateScreenshot(key: string): Promise<string | undefined>;
  /** Admins only; 400 with every problem, 409 when the app key is taken. */
  install(source: InstallSource, actor: Actor, options?: { sampleData?: boolean }): Promise<InstallResult>;
  /** Installed apps the actor may use, at their current version. */
  listApps(actor: Actor): Promise<AppSummary[]>;
  /** One app at its current version; 404 when it does not exist or the actor may not use it. */
  getApp(key: string, actor: Actor): Promise<AppView>;
  /** The editable bundle with its revision and problems (designers only). */
  getDraft(key: string, actor: Actor): Promise<DraftView>;
  /**
   * Replaces or adds one form/flow/dashboard in the draft, which may stay invalid (work in
   * progress); `revision` is the one the save was made on, a stale one is a 409 and stores nothing.
   */
  saveDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    definition: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftPart>;
  /** Takes one form, flow, dashboard or scenario out of the draft, under the same revision rule. */
  removeDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    actor: Actor,
    revision: number | undefined,
  ): Promise<RemovedDraftPart>;
  /** Replaces the draft's designer `layout`, under the same revision rule. */
  saveDraftLayout(
    app: string,
    layout: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftLayout>;
  /** Replaces the draft's roles, under the same revision rule. */
  saveDraftRoles(
    app: string,
    roles: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftRoles>;
  /** What publishing the draft would change against the current version (designers only). */
  draftDiff(app: string, actor: Actor): Promise<DraftDiff>;
  /**
   * Publishes the draft as the next immutable version; 400 with every problem while it has any.
   * With `revision`, only the draft at that revision (else 409).
   */
  publish(app: string, actor: Actor, revision?: number): Promise<{ app: string; version: number }>;
  /** A published bundle (current version by default); versions never change, so they are cached. */
  getBundle(app: string, version?: number): Promise<AppBundle | undefined>;
  /** `admin` plus every role an installed app declares. */
  knownRoles(): Promise<Set<string>>;
}

/** Builds the app service; `cases` inserts sample data on install. */
export function createAppService(deps: AppServiceDeps): AppService {
  return new DefaultAppService(deps);
}

function invalid(problems: Problem[]): FlowcaseError {
  return new FlowcaseError('FC_DEFINITION_INVALID', `The bundle has ${problems.length} problem(s).`, {
    problems,
  });
}

class DefaultAppService implements AppService {
  private readonly templates: TemplateCatalog;

  constructor(private readonly deps: AppServiceDeps) {
    this.templates = new TemplateCatalog(deps.templatesDir);
  }

  listTemplates(): Promise<TemplateInfo[]> {
    return this.templates.list();
  }

  templateScreenshot(key: string): Promise<string | undefined> {
    return this.templates.screenshot(key);
  }

  async install(
    source: InstallSource,
    actor: Actor,
    options: { sampleData?: boolean } = {},
  ): Promise<InstallResult> {
    if (!isAdmin(actor)) throw new FlowcaseError('FC_FORBIDDEN', 'Only administrators install apps.');
    const raw = 'template' in source ? await this.templates.load(source.template) : source.bundle;
    const problems = validateBundle(raw);
    if (problems.length > 0) throw invalid(problems);
    const bundle = raw as AppBundle;
    if (await this.deps.store.getApp(bundle.key))
      throw new FlowcaseError('FC_CONFLICT', `An app ${bundle.key} is already installed.`, { path: '/key' });
    if (options.sampleData !== false) {
      const now = this.deps.clock.now().toISOString();
      const sampleProblems = checkSampleData(bundle, { now, today: now.slice(0, 10) });
      if (sampleProblems.length > 0) throw invalid(sampleProblems);
    }
    await this.deps.store.saveDraft(bundle.key, bundle);
    const version = await this.deps.store.publishApp(bundle.key, {
      by: actor.id,
      at: this.deps.clock.now().toISOString(),
    });
    const sampleRecords = options.sampleData === false ? 0 : await insertSampleData(this.deps.cases, bundle);
    const published = (await this.getBundle(bundle.key, version)) ?? bundle;
    return { app: toAppView(published, version, true), sampleRecords };
  }

  async listApps(actor: Actor): Promise<AppSummary[]> {
    const out: AppSummary[] = [];
    for (const row of await this.deps.store.listApps()) {
      // An archived app leaves everyone's app list (the studio still lists it); links to its cases keep working.
      if (row.currentVersion === null || row.archivedAt) continue;
      const bundle = await this.getBundle(row.key, row.currentVersion);
      if (bundle && canUseApp(bundle, actor))
        out.push(
          toAppSummary(withVisibleDashboards(bundle, actor), row.currentVersion, canDesignApp(bundle, actor)),
        );
    }
    return out;
  }

  async getApp(key: string, actor: Actor): Promise<AppView> {
    const { row, bundle } = await this.usable(key, actor, true);
    return toAppView(
      withUsableListViews(withVisibleDashboards(bundle, actor), actor),
      row.currentVersion ?? 0,
      canDesignApp(bundle, actor),
    );
  }

  async getDraft(key: string, actor: Actor): Promise<DraftView> {
    const { row, bundle } = await this.designable(key, actor);
    const draft = row.draft ?? bundle;
    return { draft, ...draftState(draft, row.draftRevision) };
  }

  async saveDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    definition: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftPart> {
    const { row, bundle } = await this.designable(app, actor);
    const expected = requiredRevision(revision);
    const next = withPart(row.draft ?? bundle, part, key, definition);
    const saved = await this.deps.store.saveDraft(app, next.draft, { revision: expected });
    return { definition: next.definition, ...draftState(next.draft, saved) };
  }

  async removeDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    actor: Actor,
    revision: number | undefined,
  ): Promise<RemovedDraftPart> {
    const { row, bundle } = await this.designable(app, actor);
    const expected = requiredRevision(revision);
    const draft = withoutPart(row.draft ?? bundle, part, key);
    const saved = await this.deps.store.saveDraft(app, draft, { revision: expected });
    return { removed: key, ...draftState(draft, saved) };
  }

  async saveDraftLayout(
    app: string,
    layout: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftLayout> {
    const { row, bundle } = await this.designable(app, actor);
    const expected = requiredRevision(revision);
    const draft = withLayout(row.draft ?? bundle, layout);
    const saved = await this.deps.store.saveDraft(app, draft, { revision: expected });
    return { layout: draft.layout as Record<string, unknown>, ...draftState(draft, saved) };
  }

  async saveDraftRoles(
    app: string,
    roles: unknown,
    actor: Actor,
    revision: number | undefined,
  ): Promise<SavedDraftRoles> {
    const { row, bundle } = await this.designable(app, actor);
    const expected = requiredRevision(revision);
    const draft = withRoles(row.draft ?? bundle, roles);
    const saved = await this.deps.store.saveDraft(app, draft, { revision: expected });
    return { roles: draft.roles, ...draftState(draft, saved) };
  }

  async draftDiff(app: string, actor: Actor): Promise<DraftDiff> {
    const { row, bundle } = await this.designable(app, actor);
    return {
      version: row.currentVersion ?? 0,
      revision: row.draftRevision,
      changes: diffBundles(bundle, row.draft ?? bundle),
    };
  }

  async publish(app: string, actor: Actor, revision?: number): Promise<{ app: string; version: number }> {
    const { row, bundle } = await this.designable(app, actor);
    if (revision !== undefined && revision !== row.draftRevision)
      throw new DraftRevisionConflict(app, row.draftRevision, revision);
    const draft = row.draft ?? bundle;
    assertPublishable(draft);
    const version = await this.deps.store.publishApp(app, {
      by: actor.id,
      bundle: draft,
      at: this.deps.clock.now().toISOString(),
    });
    return { app, version };
  }

  async getBundle(app: string, version?: number): Promise<AppBundle | undefined> {
    const v = version ?? (await this.deps.store.getApp(app))?.currentVersion;
    if (v === undefined || v === null) return undefined;
    return this.deps.versions.bundle(app, v);
  }

  async knownRoles(): Promise<Set<string>> {
    const roles = new Set<string>(['admin']);
    for (const row of await this.deps.store.listApps()) {
      const bundle =
        row.currentVersion === null ? undefined : await this.getBundle(row.key, row.currentVersion);
      for (const role of bundle?.roles ?? []) roles.add(role.key);
    }
    return roles;
  }

  /** The app and its current bundle if the actor may use it; 404 otherwise, so hidden apps stay hidden. */
  /** `copies`: someone copied (抄送) on one of its cases may read the app to lay that case out. */
  private async usable(
    key: string,
    actor: Actor,
    copies = false,
  ): Promise<{ row: AppRow; bundle: AppBundle }> {
    const row = await this.deps.store.getApp(key);
    const bundle = row?.currentVersion ? await this.getBundle(key, row.currentVersion) : undefined;
    const may =
      bundle !== undefined &&
      (canUseApp(bundle, actor) ||
        (copies && (await this.deps.store.holdsCopyIn(key, actor.id, actor.roles))));
    if (!row || !bundle || !may) throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${key}.`);
    return { row, bundle };
  }

  private async designable(key: string, actor: Actor): Promise<{ row: AppRow; bundle: AppBundle }> {
    const found = await this.usable(key, actor);
    // The published roles decide, so a draft cannot grant its own author design rights.
    if (!canDesignApp(found.bundle, actor))
      throw new FlowcaseError('FC_FORBIDDEN', `You may not design the app ${key}.`);
    return found;
  }
}
