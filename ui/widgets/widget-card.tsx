/**
 * A dashboard widget's card: its title, then its type's body (`registry.ts`) once the server's
 * answer is there, or why there is nothing to show.
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n.js';
import { measureFormat } from './measures.js';
import { widgetPart } from './registry.js';
import type { WidgetProps } from './widget-part.js';

export function WidgetCard(props: WidgetProps) {
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
