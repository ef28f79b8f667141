/**
 * Cases that start others (a follow-up survey after a repair): staff start them from the case page,
 * which fills the new record's `startsFrom` fields, and the new record links back to its case.
 */
import { loadApps, recordTitle, submittableForms, useAsync, useSession } from '../../../../ui/data.js';
import { loc, useI18n } from '../i18n.js';
import { Link } from '../../../../ui/router.js';
import type { AppView, FormDef } from '../types.js';
import { isCustomerIn } from '../viewer.js';

/** "Start a follow-up survey" for every installed form that starts from a case and that this user may file. */
export function StartFollowUps({
  app,
  form,
  recordId,
  data,
}: {
  app: AppView;
  form: FormDef;
  recordId: string;
  data: Record<string, unknown>;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const apps = useAsync(loadApps, []);
  if (isCustomerIn(app, user.roles)) return null;
  const targets = (apps.data ?? []).flatMap((a) =>
    submittableForms(a, user)
      .filter((f) => f.startsFrom)
      .map((f) => ({ app: a, form: f })),
  );
  if (targets.length === 0) return null;
  const query = new URLSearchParams({
    fromApp: app.key,
    fromForm: form.key,
    fromRecord: recordId,
    fromTitle: recordTitle(form, data),
  });
  return (
    <p className="actions" data-testid="follow-ups">
      {targets.map(({ app: a, form: f }) => (
        <Link
          key={`${a.key}/${f.key}`}
          to={`/new/${a.key}/${f.key}?${query.toString()}`}
          className="button secondary"
          data-testid={`start-${f.key}`}
        >
          {t('startFollowUp', { form: loc(f.name, lang) })}
        </Link>
      ))}
    </p>
  );
}

/** The case a record was started from, as a link. */
export function SourceLink({ form, data }: { form: FormDef; data: Record<string, unknown> }) {
  const { t } = useI18n();
  const from = form.startsFrom;
  const id = from ? data[from.record] : undefined;
  if (!from || typeof id !== 'string' || id === '') return null;
  const title = from.title && typeof data[from.title] === 'string' ? (data[from.title] as string) : id;
  return (
    <p className="muted" data-testid="source-link">
      {t('startedFrom')} <Link to={`/cases/${encodeURIComponent(id)}`}>{title}</Link>
    </p>
  );
}

/** What a new record of `form` takes from the case it is started from (the page's query), by field. */
export function followUpPrefill(form: FormDef, params: URLSearchParams): Record<string, string> {
  const from = form.startsFrom;
  const record = params.get('fromRecord');
  if (!from || !record) return {};
  const out: Record<string, string> = {
    [from.app]: params.get('fromApp') ?? '',
    [from.form]: params.get('fromForm') ?? '',
    [from.record]: record,
  };
  if (from.title && params.get('fromTitle')) out[from.title] = params.get('fromTitle')!;
  return out;
}
