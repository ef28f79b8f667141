/**
 * Installing, designing and publishing apps: what `POST /api/v1/apps`, the designer's draft routes
 * and `flowcase install` share. Nothing is stored unless the whole bundle validates.
 */
import { FlowcaseError, type AppBundle, type Problem } from '../../engine/index.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import type { Actor, CaseService } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { AppRow, Store } from '../store/store.js';
import { canDesignApp, canUseApp, isAdmin } from './app-access.js';
import { toAppSummary, toAppView, type AppSummary, type AppView } from './app-view.js';
import { checkSampleData, insertSampleData } from './sample-data.js';
import { TemplateCatalog, type TemplateInfo } from './template-catalog.js';
import type { VersionCache } from './version-cache.js';

/** The parts of a bundle the designer saves one at a time. */
export type DraftPart = 'forms' | 'flows' | 'dashboards';

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
  /** The editable bundle (designers only). */
  getDraft(key: string, actor: Actor): Promise<AppBundle>;
  /** Replaces or adds one form/flow/dashboard in the draft; the whole draft must still validate. */
  saveDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    definition: unknown,
    actor: Actor,
  ): Promise<Record<string, unknown>>;
  /** Publishes the draft as the next immutable version. */
  publish(app: string, actor: Actor): Promise<{ app: string; version: number }>;
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
        out.push(toAppSummary(bundle, row.currentVersion, canDesignApp(bundle, actor)));
    }
    return out;
  }

  async getApp(key: string, actor: Actor): Promise<AppView> {
    const { row, bundle } = await this.usable(key, actor, true);
    return toAppView(bundle, row.currentVersion ?? 0, canDesignApp(bundle, actor));
  }

  async getDraft(key: string, actor: Actor): Promise<AppBundle> {
    const { row, bundle } = await this.designable(key, actor);
    return row.draft ?? bundle;
  }

  async saveDraftPart(
    app: string,
    part: DraftPart,
    key: string,
    definition: unknown,
    actor: Actor,
  ): Promise<Record<string, unknown>> {
    const { row, bundle } = await this.designable(app, actor);
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new FlowcaseError('FC_BAD_REQUEST', 'The definition must be a JSON object.', { path: '' });
    }
    const body = { ...(definition as Record<string, unknown>) };
    body.key ??= key;
    if (body.key !== key)
      throw new FlowcaseError(
        'FC_BAD_REQUEST',
        `The definition's key ${String(body.key)} does not match ${key} in the path.`,
        { path: '/key' },
      );
    const base = row.draft ?? bundle;
    const list = [...(base[part] as unknown[])];
    const at = list.findIndex((item) => (item as { key?: unknown }).key === key);
    if (at >= 0) list[at] = body;
    else list.push(body);
    const next = { ...base, [part]: list };
    const problems = validateBundle(next);
    if (problems.length > 0) throw invalid(problems);
    await this.deps.store.saveDraft(app, next);
    return body;
  }

  async publish(app: string, actor: Actor): Promise<{ app: string; version: number }> {
    const { row, bundle } = await this.designable(app, actor);
    const draft = row.draft ?? bundle;
    // The draft was valid when saved, but the validator may have grown stricter since.
    const problems = validateBundle(draft);
    if (problems.length > 0) throw invalid(problems);
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
