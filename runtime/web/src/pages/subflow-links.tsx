/**
 * Parent and child cases of a subflow on the case page: a card naming the case that started this
 * one and the cases this one started (with their status and outcome), and, in the timeline, a link
 * beside a subflow's start and end and beside a child's start.
 */
import { flowOf } from '../../../../ui/data.js';
import { loc, useI18n, type Lang } from '../i18n.js';
import { Link } from '../../../../ui/router.js';
import type { AppView, HistoryEvent, RecordView } from '../types.js';

type Instance = NonNullable<RecordView['instance']>;
type Child = NonNullable<Instance['subflows']>[number];

const TEXT = {
  linkedCases: { en: 'Linked cases', zh: '关联流程' },
  startedBy: { en: 'Started by', zh: '发起自' },
  started: { en: 'Started here', zh: '本流程发起的子流程' },
  open: { en: 'Open', zh: '查看' },
  openChild: { en: 'Open the child case', zh: '查看子流程' },
  openParent: { en: 'Open the case that started it', zh: '查看发起它的流程' },
  active: { en: 'In progress', zh: '处理中' },
  done: { en: 'Finished', zh: '已结束' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
  failed: { en: 'Failed', zh: '异常' },
  not_started: { en: 'Could not start', zh: '未能发起' },
} as const;

function say(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 'en' : 'zh'];
}

/** A flow's name, and an outcome named by the end node that declares it ("Completed" / "已完成"). */
function flowName(app: AppView, flow: string, lang: Lang): string {
  return loc(flowOf(app, flow)?.name, lang) || flow;
}

function outcomeName(app: AppView, flow: string, outcome: string, lang: Lang): string {
  const end = Object.values(flowOf(app, flow)?.nodes ?? {}).find(
    (n) => n.type === 'end' && (n as { outcome?: string }).outcome === outcome,
  );
  return loc(end?.name, lang) || outcome;
}

function ChildLine({ child, app }: { child: Child; app: AppView }) {
  const { lang } = useI18n();
  const status = `${say(child.status, lang)}${child.outcome ? ` · ${outcomeName(app, child.flow, child.outcome, lang)}` : ''}`;
  return (
    <li data-testid="child-case">
      <strong>{flowName(app, child.flow, lang)}</strong>{' '}
      <span className={`badge status-${child.status === 'not_started' ? 'failed' : child.status}`}>
        {status}
      </span>{' '}
      {child.status !== 'not_started' && (
        <Link
          className="button small"
          to={`/cases/${encodeURIComponent(child.recordId)}`}
          data-testid="child-case-link"
        >
          {say('open', lang)}
        </Link>
      )}
    </li>
  );
}

/** The card; nothing when the case has no parent and started no child. */
export function SubflowLinks({ instance, app }: { instance: Instance; app: AppView }) {
  const { lang } = useI18n();
  if (!instance.parent && !instance.subflows?.length) return null;
  return (
    <div className="card" data-testid="subflow-links">
      <h2>{say('linkedCases', lang)}</h2>
      {instance.parent && (
        <p>
          <span className="muted">{say('startedBy', lang)}:</span>{' '}
          <strong>{flowName(app, instance.parent.flow, lang)}</strong>{' '}
          <Link
            className="button small"
            to={`/cases/${encodeURIComponent(instance.parent.recordId)}`}
            data-testid="parent-case-link"
          >
            {say('open', lang)}
          </Link>
        </p>
      )}
      {instance.subflows && instance.subflows.length > 0 && (
        <>
          <h3 className="small">{say('started', lang)}</h3>
          <ul className="list plain">
            {instance.subflows.map((child) => (
              <ChildLine key={`${child.node}:${child.recordId}`} child={child} app={app} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The link a timeline entry carries: to the child of a subflow's start or end, to the parent from a child's start. */
export function SubflowEventLink({ event }: { event: HistoryEvent }) {
  const { lang } = useI18n();
  const detail = event.detail ?? {};
  const parent = detail.parent as { recordId?: unknown } | undefined;
  if (event.type === 'instance.started' && typeof parent?.recordId === 'string') {
    return (
      <Link
        className="small"
        to={`/cases/${encodeURIComponent(parent.recordId)}`}
        data-testid="timeline-parent-link"
      >
        {say('openParent', lang)}
      </Link>
    );
  }
  const child = detail.recordId;
  if ((event.type !== 'subflow.started' && event.type !== 'subflow.ended') || typeof child !== 'string')
    return null;
  if (detail.status === 'not_started') return null;
  return (
    <Link className="small" to={`/cases/${encodeURIComponent(child)}`} data-testid="timeline-child-link">
      {say('openChild', lang)}
    </Link>
  );
}
