/**
 * A published app version as the runtime uses it: its bundle with forms, flows and roles indexed.
 * One cache holds them for the whole process (`runtime/apps/version-cache.ts`).
 */
import type { AppBundle, FlowDef, FormDef } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { flowsByForm } from '../../engine/definition/customer-reads.js';
import { compileForm } from '../../engine/form/index.js';
import type { CompiledForm } from '../../engine/index.js';

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

/**
 * Indexes `bundle`. Each form is compiled (ajv schemas: about 170 ms for the after-sales app's
 * forms) the first time something reads its `compiled`, with `compile`, so a dashboard or an app
 * listing never pays for forms nobody validates against.
 */
export function compileVersion(
  app: string,
  version: number,
  bundle: AppBundle,
  compile: (form: FormDef) => CompiledForm = compileForm,
): AppVersion {
  const forms = new Map<string, { def: FormDef; compiled: CompiledForm }>();
  for (const form of bundle.forms) {
    let compiled: CompiledForm | undefined;
    forms.set(form.key, {
      def: form,
      get compiled(): CompiledForm {
        return (compiled ??= compile(form));
      },
    });
  }
  const flows = new Map<string, FlowDef>();
  for (const flow of bundle.flows) flows.set(flow.key, flow);
  const flowByForm = flowsByForm(bundle.flows);
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
