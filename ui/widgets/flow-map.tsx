/**
 * Process analytics' step map: a flow's task nodes in layers in the order work moves, each with
 * its figures (open and overdue now, tasks done, time spent avg and p90, SLA breach rate),
 * coloured by load against the worst node, the bottleneck marked.
 */
import { formatDuration, formatNumber, formatPercent } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import type { NodeFigures } from '../../contract/index.js';

/** 0–3: how loaded a node is against the worst one (open tasks and p90 time spent). */
function heat(n: NodeFigures, maxOpen: number, maxP90: number): number {
  const score = Math.max(maxOpen ? n.open / maxOpen : 0, maxP90 && n.p90Ms ? n.p90Ms / maxP90 : 0);
  return score >= 0.999 ? 3 : score >= 0.6 ? 2 : score >= 0.3 ? 1 : 0;
}

/** The node that holds the most open work (ties, and no open work: the worst p90). */
function bottleneckOf(nodes: readonly NodeFigures[]): string | undefined {
  let best: NodeFigures | undefined;
  for (const n of nodes) {
    if (!best) best = n;
    else if (n.open > best.open || (n.open === best.open && (n.p90Ms ?? -1) > (best.p90Ms ?? -1))) best = n;
  }
  return best && (best.open > 0 || best.p90Ms) ? best.node : undefined;
}

export function FlowMap({
  layers,
  nodeName,
}: {
  layers: readonly (readonly NodeFigures[])[];
  /** A node's name in the language on screen. */
  nodeName: (n: NodeFigures) => string;
}) {
  const nodes = layers.flat();
  const maxOpen = Math.max(0, ...nodes.map((n) => n.open));
  const maxP90 = Math.max(0, ...nodes.map((n) => n.p90Ms ?? 0));
  const bottleneck = bottleneckOf(nodes);
  return (
    <ol className="flow-map" data-testid="flow-map">
      {layers.map((row, i) => (
        <li key={i} className="flow-layer">
          {row.map((n) => (
            <NodeBox
              key={n.node}
              n={n}
              heat={heat(n, maxOpen, maxP90)}
              bottleneck={n.node === bottleneck}
              name={nodeName(n)}
            />
          ))}
        </li>
      ))}
    </ol>
  );
}

function NodeBox({
  n,
  heat,
  bottleneck,
  name,
}: {
  n: NodeFigures;
  heat: number;
  bottleneck: boolean;
  name: string;
}) {
  const { t, lang } = useI18n();
  return (
    <article
      className={`flow-node heat-${heat}${bottleneck ? ' bottleneck' : ''}`}
      data-testid="flow-node"
      data-node={n.node}
      data-heat={heat}
      aria-label={name}
    >
      <h3>
        {name}
        {bottleneck && (
          <span className="badge danger" data-testid="bottleneck">
            {t('bottleneck')}
          </span>
        )}
      </h3>
      <dl>
        <div>
          <dt>{t('openNow')}</dt>
          <dd data-testid="node-open">
            {formatNumber(n.open, lang)}
            {n.overdue > 0 && <span className="late small"> ({t('overdueN', { n: n.overdue })})</span>}
          </dd>
        </div>
        <div>
          <dt>{t('completedTasks')}</dt>
          <dd data-testid="node-completed">{formatNumber(n.completed, lang)}</dd>
        </div>
        <div>
          <dt>{t('avgTime')}</dt>
          <dd data-testid="node-avg">{formatDuration(n.avgMs, lang)}</dd>
        </div>
        <div>
          <dt>{t('p90Time')}</dt>
          <dd data-testid="node-p90">{formatDuration(n.p90Ms, lang)}</dd>
        </div>
        <div>
          <dt>{t('breachRate')}</dt>
          <dd data-testid="node-breach">
            {n.breachRate === null
              ? t('emptyValue')
              : `${formatPercent(n.breachRate, lang)} (${n.breached}/${n.withSla})`}
          </dd>
        </div>
      </dl>
    </article>
  );
}
