/**
 * A step's related lists (关联查询): for each list the task node names, the matching records of the
 * other form that the server finds for this case (`GET /records/:id/related/:key`), each shown by
 * the list's fields with the same formatting as the case itself.
 */
import { api, errorText } from '../../../../ui/api.js';
import { formOf, useAsync } from '../../../../ui/data.js';
import { FieldValue } from '../../../../ui/fields/field-value.js';
import { loc, useI18n } from '../i18n.js';
import type { AppView, LocalizedText } from '../types.js';

interface RelatedAnswer {
  key: string;
  label: LocalizedText;
  form: string;
  fields: string[];
  items: { id: string; data: Record<string, unknown> }[];
}

function RelatedList({ app, recordId, listKey }: { app: AppView; recordId: string; listKey: string }) {
  const { t, lang } = useI18n();
  const answer = useAsync(
    () =>
      api<RelatedAnswer>(
        'GET',
        `/records/${encodeURIComponent(recordId)}/related/${encodeURIComponent(listKey)}`,
      ),
    [recordId, listKey],
  );
  const list = answer.data;
  const form = list ? formOf(app, list.form) : undefined;
  const fields =
    list && form
      ? list.fields.map((k) => form.fields.find((f) => f.key === k)).filter((f) => f !== undefined)
      : [];
  return (
    <section
      className="card related-list"
      data-testid={`related-${listKey}`}
      aria-busy={answer.loading || undefined}
    >
      <h2>{list ? loc(list.label, lang) : listKey}</h2>
      {answer.error !== undefined ? (
        <p className="notice error" role="alert">
          {t('serverError', { m: errorText(answer.error) })}
        </p>
      ) : !list ? (
        <p className="muted">{t('relatedLoading')}</p>
      ) : list.items.length === 0 ? (
        <p className="muted" data-testid="related-empty">
          {t('relatedNone')}
        </p>
      ) : (
        <ol className="related-items">
          {list.items.map((item) => (
            <li key={item.id} data-testid="related-item">
              <dl>
                {fields.map((f) => (
                  <div key={f.key}>
                    <dt>{loc(f.label, lang)}</dt>
                    <dd data-field={f.key}>
                      <FieldValue field={f} value={item.data[f.key]} />
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RelatedLists({
  app,
  recordId,
  keys,
}: {
  app: AppView;
  recordId: string;
  keys: readonly string[];
}) {
  if (keys.length === 0) return null;
  return (
    <>
      {keys.map((k) => (
        <RelatedList key={k} app={app} recordId={recordId} listKey={k} />
      ))}
    </>
  );
}
