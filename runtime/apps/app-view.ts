/** The shapes `GET /api/v1/apps` and `GET /api/v1/apps/:app` answer with. */
import type {
  AppBundle,
  DashboardDef,
  FlowDef,
  FormDef,
  LocalizedText,
  RoleDef,
} from '../../engine/index.js';

export interface AppSummary {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  version: number;
  roles: RoleDef[];
  forms: { key: string; name: LocalizedText }[];
  flows: { key: string; name: LocalizedText; form: string }[];
  dashboards: { key: string; name: LocalizedText }[];
  /** Whether the caller may change it in the designer. */
  canDesign: boolean;
}

export interface AppView extends Omit<AppSummary, 'forms' | 'flows' | 'dashboards'> {
  forms: FormDef[];
  flows: FlowDef[];
  dashboards: DashboardDef[];
}

function head(bundle: AppBundle, version: number, canDesign: boolean) {
  return {
    key: bundle.key,
    name: bundle.name,
    ...(bundle.description === undefined ? {} : { description: bundle.description }),
    version,
    roles: bundle.roles,
    canDesign,
  };
}

export function toAppSummary(bundle: AppBundle, version: number, canDesign: boolean): AppSummary {
  return {
    ...head(bundle, version, canDesign),
    forms: bundle.forms.map((f) => ({ key: f.key, name: f.name })),
    flows: bundle.flows.map((f) => ({ key: f.key, name: f.name, form: f.form })),
    dashboards: bundle.dashboards.map((d) => ({ key: d.key, name: d.name })),
  };
}

export function toAppView(bundle: AppBundle, version: number, canDesign: boolean): AppView {
  return {
    ...head(bundle, version, canDesign),
    forms: bundle.forms,
    flows: bundle.flows,
    dashboards: bundle.dashboards,
  };
}
