/**
 * An app's flows on its page in the studio: each flow of the draft with its form, opening the flow
 * designer, and a new flow started on one of the draft's forms from a key (checked like the
 * definition format's keys; a taken key refused).
 */
import { useContext, useEffect, useState } from 'react';
import { api } from '../../../ui/api.js';
import type { LocalizedText } from '../../../engine/definition/types.js';
import { I18nContext, loc, translator, withSharedMessages } from '../../../ui/i18n.js';
import { Link, navigate } from '../../../ui/router.js';

const zh = {
  flows: '流程',
  noFlows: '还没有流程。',
  openFlow: '打开流程设计',
  newFlow: '新建流程',
  newFlowKey: '流程标识',
  onForm: '表单',
  nodesN: '{n} 个节点',
  flowKeyHelp: '小写字母开头，只含小写字母、数字和下划线',
  flowKeyTaken: '已有此标识的流程。',
};
const en: Record<keyof typeof zh, string> = {
  flows: 'Flows',
  noFlows: 'No flows yet.',
  openFlow: 'Open the flow designer',
  newFlow: 'New flow',
  newFlowKey: 'Flow key',
  onForm: 'Form',
  nodesN: '{n} nodes',
  flowKeyHelp: 'Starts with a lowercase letter; lowercase letters, digits and _ only',
  flowKeyTaken: 'A flow with this key exists.',
};
const MESSAGES = withSharedMessages({ 'zh-CN': zh, en });

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

interface DraftFlow {
  key: string;
  name?: LocalizedText;
  form?: string;
  nodes?: Record<string, unknown>;
}
interface DraftForm {
  key: string;
  name?: LocalizedText;
}

export function AppFlows({ app }: { app: string }) {
  const { lang } = useContext(I18nContext);
  const t = translator(MESSAGES, lang);
  const [flows, setFlows] = useState<DraftFlow[]>([]);
  const [forms, setForms] = useState<DraftForm[]>([]);
  const [key, setKey] = useState('');
  const [form, setForm] = useState('');
  useEffect(() => {
    api<{ draft?: { flows?: DraftFlow[]; forms?: DraftForm[] } }>(
      'GET',
      `/apps/${encodeURIComponent(app)}/draft`,
    ).then(
      (d) => {
        const valid = <T extends { key: string }>(list: T[] | undefined) =>
          Array.isArray(list) ? list.filter((x) => typeof x?.key === 'string') : [];
        setFlows(valid(d.draft?.flows));
        const fs = valid(d.draft?.forms);
        setForms(fs);
        setForm((now) => now || (fs[0]?.key ?? ''));
      },
      () => undefined,
    );
  }, [app]);
  const base = `/design/apps/${encodeURIComponent(app)}/flows/`;
  const problem =
    key === ''
      ? undefined
      : !KEY.test(key)
        ? t('flowKeyHelp')
        : flows.some((f) => f.key === key)
          ? t('flowKeyTaken')
          : undefined;
  return (
    <section className="card" aria-labelledby="flows-title" data-testid="app-flows">
      <h2 id="flows-title">{t('flows')}</h2>
      {flows.length === 0 ? (
        <p className="muted">{t('noFlows')}</p>
      ) : (
        <ul className="forms" data-testid="draft-flows">
          {flows.map((f) => (
            <li key={f.key}>
              <Link to={`${base}${encodeURIComponent(f.key)}`} data-testid={`open-flow-${f.key}`}>
                {loc(f.name, lang) || f.key}
              </Link>{' '}
              <span className="muted">
                <code>{f.key}</code> · {loc(forms.find((x) => x.key === f.form)?.name, lang) || f.form} ·{' '}
                {t('nodesN', { n: Object.keys(f.nodes ?? {}).length })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {forms.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (key && !problem && form)
              navigate(`${base}${encodeURIComponent(key)}?form=${encodeURIComponent(form)}`);
          }}
        >
          <label>
            {t('newFlowKey')}
            <input
              value={key}
              onChange={(e) => setKey(e.target.value.trim())}
              aria-invalid={problem ? true : undefined}
              placeholder="approval"
              data-testid="new-flow-key"
            />
          </label>
          <label>
            {t('onForm')}
            <select value={form} onChange={(e) => setForm(e.target.value)} data-testid="new-flow-form">
              {forms.map((f) => (
                <option key={f.key} value={f.key}>
                  {loc(f.name, lang) || f.key}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!key || problem !== undefined} data-testid="new-flow">
            {t('newFlow')}
          </button>
          {problem && <span className="error">{problem}</span>}
        </form>
      )}
    </section>
  );
}
