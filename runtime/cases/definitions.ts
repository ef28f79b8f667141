/**
 * Published app versions, compiled once. Versions are immutable, so a compiled version is cached
 * for the life of the process; "latest" is re-read from the store because publishing moves it.
 */
import type { AppBundle, FlowDef, FormDef } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { compileForm } from '../../engine/form/index.js';
import type { CompiledForm } from '../../engine/index.js';
import type { Store } from '../store/store.js';

export interface AppVersion {
  app: string;
  version: number;
  bundle: AppBundle;
  forms: ReadonlyMap<string, { def: FormDef; compiled: CompiledForm }>;
  flows: ReadonlyMap<string, FlowDef>;
  /** The flow a record of each form starts (trigger `record.created`). */
  flowByForm: ReadonlyMap<string, FlowDef>;
  /** Role keys the app declares. */
  roles: ReadonlySet<string>;
  /** Roles whose holders see only the records they created. */
  customerRoles: ReadonlySet<string>;
}

export class DefinitionCache {
  private readonly versions = new Map<string, AppVersion>();

  constructor(private readonly store: Store) {}

  /** A published version; `FC_NOT_FOUND` when it does not exist. */
  async get(app: string, version: number): Promise<AppVersion> {
    const key = `${app}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const row = await this.store.getAppVersion(app, version);
    if (!row)
      throw new FlowcaseError('FC_NOT_FOUND', `App "${app}" has no version ${version}.`, { path: '/app' });
    const compiled = compileVersion(app, version, row.bundle);
    this.versions.set(key, compiled);
    return compiled;
  }

  /** The newest published version; `FC_NOT_FOUND` for an unknown or unpublished app. */
  async latest(app: string): Promise<AppVersion> {
    const current = await this.store.getCurrentVersion(app);
    if (current === undefined || current === null)
      throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
    return this.get(app, current);
  }
}

export function compileVersion(app: string, version: number, bundle: AppBundle): AppVersion {
  const forms = new Map<string, { def: FormDef; compiled: CompiledForm }>();
  for (const form of bundle.forms) forms.set(form.key, { def: form, compiled: compileForm(form) });
  const flows = new Map<string, FlowDef>();
  const flowByForm = new Map<string, FlowDef>();
  for (const flow of bundle.flows) {
    flows.set(flow.key, flow);
    if (flow.trigger.on === 'record.created' && !flowByForm.has(flow.form)) flowByForm.set(flow.form, flow);
  }
  return {
    app,
    version,
    bundle,
    forms,
    flows,
    flowByForm,
    roles: new Set(bundle.roles.map((r) => r.key)),
    customerRoles: new Set(bundle.roles.filter((r) => r.customer).map((r) => r.key)),
  };
}

/** A form of a version, or `FC_NOT_FOUND`. */
export function formOf(version: AppVersion, form: string): { def: FormDef; compiled: CompiledForm } {
  const found = version.forms.get(form);
  if (!found)
    throw new FlowcaseError('FC_NOT_FOUND', `App "${version.app}" has no form "${form}".`, { path: '/form' });
  return found;
}
