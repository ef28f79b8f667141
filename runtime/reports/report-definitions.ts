/**
 * Published versions as reports need them. Reports never validate record data, so each form is
 * compiled (ajv schemas, about 170 ms for the after-sales app) only if something asks for it:
 * without this, the first dashboard after a server start paid for compiling every form.
 */
import type { AppBundle, CompiledForm, FormDef } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { compileVersion, type AppVersion } from '../cases/definitions.js';
import type { Store } from '../store/store.js';

/** `version` with each form compiled on first access of its `compiled`. */
function lazilyCompiled(app: string, version: number, bundle: AppBundle): AppVersion {
  const base = compileVersion(app, version, { ...bundle, forms: [] });
  const forms = new Map<string, { def: FormDef; compiled: CompiledForm }>();
  for (const form of bundle.forms) {
    let compiled: CompiledForm | undefined;
    forms.set(form.key, {
      def: form,
      get compiled(): CompiledForm {
        return (compiled ??= compileVersion(app, version, { ...bundle, forms: [form] }).forms.get(
          form.key,
        )!.compiled);
      },
    });
  }
  return { ...base, bundle, forms };
}

export class ReportDefinitions {
  readonly #versions = new Map<string, AppVersion>();

  constructor(private readonly store: Store) {}

  /** The newest published version; `FC_NOT_FOUND` for an unknown or unpublished app. */
  async latest(app: string): Promise<AppVersion> {
    const row = await this.store.getApp(app);
    if (!row || row.currentVersion === null)
      throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
    const key = `${app}@${row.currentVersion}`;
    let found = this.#versions.get(key);
    if (!found) {
      const published = await this.store.getAppVersion(app, row.currentVersion);
      if (!published)
        throw new FlowcaseError('FC_NOT_FOUND', `App "${app}" has no version ${row.currentVersion}.`, {
          path: '/app',
        });
      found = lazilyCompiled(app, row.currentVersion, published.bundle);
      this.#versions.set(key, found);
    }
    return found;
  }
}
