/**
 * A process analytics widget's card (`node_time`, `sla_breach`, `throughput`, `bottleneck`): its
 * title, then its type's body drawn from its flow's figures. It has no form or measures, so it
 * is drawn here rather than by the record widgets' parts; the figures are for staff only.
 */
import type { ComponentType } from 'react';
import type { WidgetData } from '../../contract/index.js';
import type { ProcessWidgetDef } from '../../engine/definition/types.js';
import { useI18n } from '../i18n.js';
import { bottleneckWidget } from './bottleneck.widget.js';
import { nodeTimeWidget } from './node-time.widget.js';
import { processWord } from './process-words.js';
import { slaBreachWidget } from './sla-breach.widget.js';
import { throughputWidget } from './throughput.widget.js';

/** What a process widget's body gets: its flow's figures (never restricted) and its title. */
export interface ProcessBodyProps {
  widget: WidgetData;
  title: string;
  def: ProcessWidgetDef;
}

export interface ProcessPart {
  Body: ComponentType<ProcessBodyProps>;
  /** The card spans the grid's width (tables). */
  wide?: boolean;
}

const PARTS: Record<ProcessWidgetDef['type'], ProcessPart> = {
  node_time: nodeTimeWidget,
  sla_breach: slaBreachWidget,
  throughput: throughputWidget,
  bottleneck: bottleneckWidget,
};

export function ProcessWidgetCard({
  def,
  widget,
  title,
  loading,
}: {
  def: ProcessWidgetDef;
  widget: WidgetData | undefined;
  title: string;
  loading: boolean;
}) {
  const { t, lang } = useI18n();
  const part = PARTS[def.type];
  return (
    <section
      className={`card widget widget-process widget-${def.type}${part.wide ? ' wide' : ''}`}
      data-testid={`widget-${def.key}`}
      data-type={def.type}
      data-flow={def.flow}
      aria-busy={loading || undefined}
    >
      <h2 className="widget-title">{title}</h2>
      {!widget ? (
        <div className="widget-loading" aria-label={t('loading')}>
          <span className="muted">{t('loading')}</span>
        </div>
      ) : widget.restricted ? (
        <p className="muted widget-empty">{processWord(lang, 'processOnlyStaff')}</p>
      ) : (
        <part.Body widget={widget} title={title} def={def} />
      )}
    </section>
  );
}
