/**
 * The panel of the selected node, generated from its kind's property list (engine
 * `kindCatalogue()`: the properties every node has, then the kind's own, in its order), each
 * control picked by its control kind. A task's visible/editable/required lists are shown as this
 * step's column of the permission matrix. Every change goes through `edit` (one undo step; typing
 * in one control merges); `focusPath`, a bundle pointer such as `/flows/0/nodes/dispatch/sla/due`,
 * focuses the control that edits it (or the nearest one above it).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Draft } from 'immer';
import type { Person } from '../../../../contract/common.js';
import { kindCatalogue } from '../../../../engine/definition/kind-catalogue.js';
import type { PropertySpec } from '../../../../engine/definition/property-list.js';
import type { AppBundle, FlowDef } from '../../../../engine/definition/types.js';
import { api } from '../../../../ui/api.js';
import { loc } from '../../../../ui/i18n.js';
import { NodeFieldPermissions } from './node-field-permissions.js';
import { nodePointer, readAt } from './node-paths.js';
import { formOf, PanelContext, usePanel, useSet, type PanelContextValue } from './panel-context.js';
import { PropertyControl } from './property-control.js';
import { usePanelWords } from './words.js';
import './panels.css';

let catalogue: ReturnType<typeof kindCatalogue> | undefined;
function kinds() {
  catalogue ??= kindCatalogue();
  return catalogue;
}

/** The app's people, once per app, for picking a user. */
const people = new Map<string, Promise<Person[] | 'unavailable'>>();
function usePeople(app: string): Person[] | 'unavailable' | undefined {
  const [users, setUsers] = useState<Person[] | 'unavailable'>();
  useEffect(() => {
    let live = true;
    if (!people.has(app))
      people.set(
        app,
        api<Person[]>('GET', `/apps/${encodeURIComponent(app)}/users`).catch(() => 'unavailable' as const),
      );
    void people.get(app)!.then((u) => {
      if (live) setUsers(u);
    });
    return () => {
      live = false;
    };
  }, [app]);
  return users;
}

/** Which titled group a property falls in: its first segment when it has more than one. */
function groupOf(spec: PropertySpec): string | undefined {
  const parts = spec.path.split('/');
  return parts.length > 2 ? parts[1] : undefined;
}

const GROUP_TITLES: Record<string, { zh: string; en: string }> = {
  sla: { zh: '时限（SLA）', en: 'Deadline (SLA)' },
  fields: { zh: '字段权限', en: 'Field permissions' },
  fallback: { zh: '人工兜底任务', en: 'Fallback task' },
  record: { zh: '新建数据', en: 'New record' },
};

function Properties({ specs }: { specs: readonly PropertySpec[] }) {
  const { lang } = usePanelWords();
  const ctx = usePanel();
  const set = useSet();
  const rows: ReactNode[] = [];
  let i = 0;
  while (i < specs.length) {
    const spec = specs[i]!;
    const group = groupOf(spec);
    if (ctx.node.type === 'task' && group === 'fields') {
      // The three lists are one column of the matrix here.
      while (i < specs.length && groupOf(specs[i]!) === 'fields') i += 1;
      rows.push(<NodeFieldPermissions key="fields" />);
      continue;
    }
    if (group) {
      const members: PropertySpec[] = [];
      while (i < specs.length && groupOf(specs[i]!) === group) members.push(specs[i++]!);
      rows.push(
        <fieldset key={group} className="fp-group" data-testid={`group-${group}`}>
          <legend>{GROUP_TITLES[group] ? loc(GROUP_TITLES[group], lang) : group}</legend>
          {members.map((m) => (
            <Row key={m.path} spec={m} set={set} />
          ))}
        </fieldset>,
      );
      continue;
    }
    rows.push(<Row key={spec.path} spec={spec} set={set} />);
    i += 1;
  }
  return <>{rows}</>;
}

function Row({ spec, set }: { spec: PropertySpec; set: ReturnType<typeof useSet> }) {
  const { lang } = usePanelWords();
  const { node, base } = usePanel();
  const id = `${base}${spec.path}`;
  return (
    <div className="fp-row" data-prop={spec.path}>
      <label htmlFor={id}>
        {loc(spec.label, lang)}
        {spec.required && <span className="fp-required"> *</span>}
      </label>
      <PropertyControl
        spec={spec}
        id={id}
        holder={node}
        value={readAt(node, spec.path)}
        onChange={(v, typing) => set(spec.path, v, typing)}
      />
      {spec.help && <p className="fp-help">{loc(spec.help, lang)}</p>}
    </div>
  );
}

/** Focuses the control for a pointer, or the nearest enclosing property that has one. */
function focusControl(root: HTMLElement, path: string): boolean {
  let p = path;
  while (p.includes('/')) {
    const el = root.ownerDocument.getElementById(p);
    if (el && root.contains(el)) {
      const target = el.matches('input, select, textarea, button')
        ? el
        : (el.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return true;
    }
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return false;
}

export function NodePanel(props: {
  bundle: AppBundle;
  flow: string;
  node: string;
  edit: (recipe: (flow: Draft<FlowDef>) => void, merge?: string) => void;
  focusPath?: string;
}) {
  const { t, lang } = usePanelWords();
  const users = usePeople(props.bundle.key);
  const root = useRef<HTMLDivElement>(null);
  const flow = props.bundle.flows.find((f) => f.key === props.flow);
  const node = flow?.nodes[props.node];
  const base = nodePointer(props.bundle, props.flow, props.node);
  const ctx = useMemo<PanelContextValue | undefined>(
    () =>
      flow && node
        ? {
            bundle: props.bundle,
            flow,
            nodeId: props.node,
            node,
            form: formOf(props.bundle, flow.form),
            lang,
            base,
            users,
            edit: props.edit,
          }
        : undefined,
    [props.bundle, flow, node, props.node, lang, base, users, props.edit],
  );
  useEffect(() => {
    if (props.focusPath && root.current) focusControl(root.current, props.focusPath);
  }, [props.focusPath, props.node]);

  if (!flow || !node || !ctx)
    return (
      <p className="fp-muted" data-testid="node-panel-missing">
        {t('nodeMissing', { node: props.node })}
      </p>
    );
  const kind = kinds().nodes.kinds.find((k) => k.type === node.type);
  return (
    <PanelContext.Provider value={ctx}>
      <div className="fp-panel" ref={root} data-testid="node-panel" data-node={props.node}>
        <header className="fp-header">
          <strong>{kind ? loc(kind.label, lang) : node.type}</strong>
          <span className="fp-muted">
            {t('nodeKey')}: <code>{props.node}</code>
          </span>
          {kind && <p className="fp-help">{loc(kind.summary, lang)}</p>}
        </header>
        {kind ? (
          <Properties specs={[...kinds().nodes.common, ...kind.properties]} />
        ) : (
          <p className="fp-warning">{t('unknownKind', { type: node.type })}</p>
        )}
      </div>
    </PanelContext.Provider>
  );
}
