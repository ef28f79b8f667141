/**
 * A dashboard widget's card: its title, then its type's body (`registry.ts`) once the server's
 * answer is there, or why there is nothing to show.
 */
import { useMemo } from 'react';
import { isProcessWidget, type DashboardWidgetDef } from '../../engine/definition/types.js';
import { useI18n } from '../i18n.js';
import { measureFormat } from './measures.js';
import { ProcessWidgetCard } from './process-card.js';
import { widgetPart } from './registry.js';
import type { WidgetProps } from './widget-part.js';

/** A widget's card; a process widget (a flow's figures, no form) has a card of its own. */
export function WidgetCard(props: Omit<WidgetProps, 'def'> & { def: DashboardWidgetDef }) {
  const { def } = props;
  if (isProcessWidget(def))
    return <ProcessWidgetCard def={def} widget={props.widget} title={props.title} loading={props.loading} />;
  return <RecordWidgetCard {...props} def={def} />;
}

function RecordWidgetCard(props: WidgetProps) {
  const { t, lang } = useI18n();
  const { widget, def, loading, title, fields } = props;
  const part = widgetPart(def.type, widget);
  const format = useMemo(() => measureFormat(def, fields ?? [], lang), [def, fields, lang]);
  return (
    <section
      className={`card widget widget-${def.type}${part.wide ? ' wide' : ''}`}
      data-testid={`widget-${def.key}`}
      data-type={def.type}
      aria-busy={loading || undefined}
    >
      <h2 className="widget-title">{title}</h2>
      {!widget ? (
        <div className="widget-loading" aria-label={t('loading')}>
          <span className="muted">{t('loading')}</span>
        </div>
      ) : widget.restricted ? (
        <p className="muted widget-empty">{t('widgetRestricted')}</p>
      ) : (
        <part.Body {...props} widget={widget} format={format} />
      )}
    </section>
  );
}
