/**
 * The inbox: open and done tasks in the order the API gives (VIP first, then SLA due time), each
 * with the customer and product its step shows (the API's `display` names), SLA countdowns and
 * breached badges, a search the server runs (a customer's name finds their tasks) and filters by
 * app, form and step, refreshed by polling. Where the task's form has a list view for the reader
 * (the first the server sent), the row shows that view's columns the step lets them read instead.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../../../ui/api.js';
import {
  formOf,
  loadApps,
  nodeTitle,
  POLL_MS,
  recordTitle,
  useAsync,
  useOnChange,
  usePolling,
} from '../../../../ui/data.js';
import { FieldValue } from '../../../../ui/fields/field-value.js';
import { optionLabel } from '../../../../ui/fields/select.field.js';
import { formatDateTime } from '../../../../ui/format/time.js';
import { spanText } from '../../../../ui/format/duration.js';
import { loc, useI18n, type Lang } from '../i18n.js';
import { Link, navigate, useLocation } from '../../../../ui/router.js';
import { Tab, TabList } from '../../../../ui/layout/tabs.js';
import { titleField } from '../records-query.js';
import type { AppView, FieldDef, FormDef, Task } from '../types.js';
import { CopiesList } from './copies-list.js';

type Tab = 'open' | 'done' | 'copied';
const PAGE = 50;
const SEARCH_DELAY_MS = 300;

/** A task with the names its relation and user values stand for (the inbox API's `display`). */
type ListedTask = Task & { display?: Record<string, string> };

/** The linked records a row names (customer, product), in the form's field order. */
function linkedNames(task: ListedTask, app: AppView | undefined): string[] {
  const form = app ? formOf(app, task.form) : undefined;
  const shown = task.display ?? {};
  return (form?.fields ?? []).filter((f) => f.type === 'relation' && shown[f.key]).map((f) => shown[f.key]!);
}

/** The fields of the form's first list view that the task carries a value of (the title has its own place). */
function viewCells(task: ListedTask, form: FormDef | undefined): FieldDef[] {
  const view = form?.views?.[0];
  if (!view) return [];
  const title = titleField(form);
  return view.columns
    .filter(
      (k) => k !== title?.key && task.data[k] !== undefined && task.data[k] !== null && task.data[k] !== '',
    )
    .map((k) => form?.fields.find((f) => f.key === k))
    .filter((f): f is FieldDef => f !== undefined);
}

function duration(ms: number, lang: Lang): string {
  return spanText(Math.abs(ms) / 60_000, lang);
}

export function SlaBadge({ task, now }: { task: Task; now: number }) {
  const { t, lang } = useI18n();
  if (task.status !== 'open') return null;
  const due = task.dueAt ? new Date(task.dueAt).getTime() : undefined;
  // The server's clock decides a breach; the countdown uses this device's clock, so a breached
  // task never shows "due in".
  const late = due !== undefined && (due < now || task.breached);
  // No deadline to show (a customer's view carries none): no badge at all.
  if (due === undefined && !task.breached) return null;
  return (
    <span className="sla">
      {task.breached && (
        <span className="badge danger" data-testid="breached">
          {t('breached')}
        </span>
      )}
      {due !== undefined && (
        <span className={late ? 'late' : 'due'} title={`${t('due')} ${formatDateTime(task.dueAt!, lang)}`}>
          {late
            ? due < now
              ? t('overdueBy', { t: duration(now - due, lang) })
              : `${t('due')} ${formatDateTime(task.dueAt!, lang)}`
            : t('dueIn', { t: duration(due - now, lang) })}
        </span>
      )}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: number | undefined }) {
  const { t } = useI18n();
  if (!priority) return null;
  return (
    <span className={priority >= 2 ? 'badge vip' : 'badge key'}>
      {priority >= 2 ? t('vip') : t('keyAccount')}
    </span>
  );
}

function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

function TaskRow({ task, app, now }: { task: ListedTask; app: AppView | undefined; now: number }) {
  const { lang, t } = useI18n();
  const form = app ? formOf(app, task.form) : undefined;
  const title = recordTitle(form, task.data);
  const cells = viewCells(task, form);
  const names = cells.length > 0 ? [] : linkedNames(task, app);
  const to =
    task.status === 'open'
      ? `/tasks/${encodeURIComponent(task.recordId)}/${encodeURIComponent(task.id)}`
      : `/cases/${encodeURIComponent(task.recordId)}`;
  return (
    <li
      className={`task${task.breached ? ' breached' : ''}`}
      data-testid="task-row"
      data-node={task.node}
      data-record={task.recordId}
    >
      <Link to={to} className="row-button">
        <span className="row-title">
          <PriorityBadge priority={task.priority} />
          <span className="step">{nodeTitle(app, task.form, task.node, task.nodeName, lang)}</span>
          {title && <span className="record-no">{title}</span>}
        </span>
        {names.length > 0 && (
          <span className="row-names" data-testid="task-names">
            {names.join(' · ')}
          </span>
        )}
        {cells.length > 0 && (
          <span className="row-names row-columns" data-testid="task-columns">
            {cells.map((f) => (
              <span key={f.key} className="row-cell" data-column={f.key}>
                <span className="muted">{loc(f.label, lang)}</span>{' '}
                <FieldValue field={f} value={task.data[f.key]} display={task.display?.[f.key]} />
              </span>
            ))}
          </span>
        )}
        <span className="row-meta">
          <span className="muted">{form ? loc(form.name, lang) : task.form}</span>
          {task.status === 'open' ? (
            <SlaBadge task={task} now={now} />
          ) : (
            task.completedAt && (
              <span className="muted small">
                {t('completed')} {formatDateTime(task.completedAt, lang)}
              </span>
            )
          )}
        </span>
      </Link>
    </li>
  );
}

/**
 * Whether a loaded task shows `text` (its step, values by label, linked names): the list narrows at
 * once while the server's search (which also reaches tasks not loaded yet) is on its way.
 */
function matches(task: ListedTask, text: string, app: AppView | undefined, lang: 'zh-CN' | 'en'): boolean {
  if (!text) return true;
  const form = app ? formOf(app, task.form) : undefined;
  const hay = [
    nodeTitle(app, task.form, task.node, task.nodeName, lang),
    task.nodeName,
    ...Object.values(task.display ?? {}),
  ];
  for (const [key, value] of Object.entries(task.data)) {
    const field = form?.fields.find((f) => f.key === key);
    if (field?.type === 'select' || field?.type === 'multiselect')
      for (const v of Array.isArray(value) ? value : [value]) hay.push(optionLabel(field, v, lang));
    else if (typeof value === 'string' || typeof value === 'number') hay.push(String(value));
  }
  return hay.join('\n').toLowerCase().includes(text.trim().toLowerCase());
}

export function InboxPage() {
  const { t, lang } = useI18n();
  const { params } = useLocation();
  const tab = (params.get('tab') as Tab | null) ?? 'open';
  const [items, setItems] = useState<ListedTask[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [filter, setFilter] = useState({ app: '', form: '', node: '', text: '' });
  const apps = useAsync(loadApps, []);
  const appByKey = useMemo(() => new Map((apps.data ?? []).map((a) => [a.key, a])), [apps.data]);
  const now = useNow();
  // The server searches (names included) once typing pauses.
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(filter.text.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [filter.text]);

  const refresh = useCallback(() => {
    if (tab === 'copied') return;
    void api<{ items: ListedTask[]; nextCursor?: string }>(
      'GET',
      `/tasks${query({ status: tab, limit: PAGE, q: q || undefined })}`,
    ).then((p) => {
      setItems(p.items);
      setCursor(p.nextCursor);
      setLoaded(true);
    });
  }, [tab, q, lang]);
  // Another tab starts empty; another search keeps the rows until its answer comes.
  useEffect(() => {
    setLoaded(false);
    setItems([]);
  }, [tab]);
  useEffect(() => {
    refresh();
  }, [refresh]);
  usePolling(refresh, POLL_MS);
  useOnChange(refresh);

  const more = () => {
    if (!cursor) return;
    void api<{ items: ListedTask[]; nextCursor?: string }>(
      'GET',
      `/tasks${query({ status: tab, limit: PAGE, cursor, q: q || undefined })}`,
    ).then((p) => {
      setItems((old) => [...old, ...p.items]);
      setCursor(p.nextCursor);
    });
  };

  const options = useMemo(() => {
    const appsSeen = new Map<string, string>();
    const forms = new Map<string, string>();
    const nodes = new Map<string, string>();
    for (const task of items) {
      const app = task.app ? appByKey.get(task.app) : undefined;
      if (task.app) appsSeen.set(task.app, app ? loc(app.name, lang) : task.app);
      if (filter.app && task.app !== filter.app) continue;
      const form = app ? formOf(app, task.form) : undefined;
      if (task.form) forms.set(`${task.app}/${task.form}`, form ? loc(form.name, lang) : task.form);
      if (filter.form && `${task.app}/${task.form}` !== filter.form) continue;
      nodes.set(task.node, nodeTitle(app, task.form, task.node, task.nodeName, lang));
    }
    return { apps: [...appsSeen], forms: [...forms], nodes: [...nodes] };
  }, [items, appByKey, lang, filter.app, filter.form]);

  const shown = items.filter(
    (task) =>
      (!filter.app || task.app === filter.app) &&
      (!filter.form || `${task.app}/${task.form}` === filter.form) &&
      (!filter.node || task.node === filter.node) &&
      matches(task, filter.text, task.app ? appByKey.get(task.app) : undefined, lang),
  );

  const tabs: { key: Tab; label: string; disabled?: boolean }[] = [
    { key: 'open', label: t('tabOpen') },
    { key: 'done', label: t('tabDone') },
    { key: 'copied', label: t('tabCopied') },
  ];

  return (
    <section>
      <h1>{t('inbox')}</h1>
      <TabList label={t('inbox')}>
        {tabs.map((x) => (
          <Tab
            key={x.key}
            selected={tab === x.key}
            disabled={x.disabled}
            title={x.disabled ? t('copiedNote') : undefined}
            testId={`tab-${x.key}`}
            onSelect={() => navigate(`/inbox?tab=${x.key}`, { replace: true })}
          >
            {x.label}
            {x.key === tab && loaded && (
              <span className="badge subtle">{`${items.length}${cursor ? '+' : ''}`}</span>
            )}
          </Tab>
        ))}
      </TabList>
      {tab === 'copied' && <CopiesList />}
      <div className="filters" role="search" hidden={tab === 'copied'}>
        <label>
          <span className="visually-hidden">{t('search')}</span>
          <input
            type="search"
            placeholder={t('search')}
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
            aria-label={t('search')}
            data-testid="inbox-search"
          />
        </label>
        <label>
          <span className="visually-hidden">{t('allApps')}</span>
          <select
            aria-label={t('allApps')}
            value={filter.app}
            onChange={(e) => setFilter({ ...filter, app: e.target.value, form: '', node: '' })}
          >
            <option value="">{t('allApps')}</option>
            {options.apps.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('allForms')}</span>
          <select
            aria-label={t('allForms')}
            value={filter.form}
            onChange={(e) => setFilter({ ...filter, form: e.target.value, node: '' })}
          >
            <option value="">{t('allForms')}</option>
            {options.forms.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('allSteps')}</span>
          <select
            aria-label={t('allSteps')}
            value={filter.node}
            onChange={(e) => setFilter({ ...filter, node: e.target.value })}
            data-testid="filter-node"
          >
            <option value="">{t('allSteps')}</option>
            {options.nodes.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tab === 'copied' ? null : !loaded ? (
        <ul className="list skeleton" aria-busy="true">
          <li />
          <li />
          <li />
        </ul>
      ) : shown.length === 0 ? (
        <p className="muted">{t('noTasks')}</p>
      ) : (
        <ul className="list tasks" data-testid="task-list">
          {shown.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              app={task.app ? appByKey.get(task.app) : undefined}
              now={now}
            />
          ))}
        </ul>
      )}
      {tab !== 'copied' && cursor && (
        <button type="button" className="secondary" onClick={more}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
