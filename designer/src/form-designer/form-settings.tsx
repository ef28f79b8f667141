/**
 * The form's own properties, shown in the panel while no field is selected: its name in Chinese
 * and English and which of the app's roles may submit it (none ticked: every role of the app, as
 * the definition format reads an absent `submitRoles`), and its list views (`list-views-editor.tsx`).
 * Typing a name is one undo step.
 */
import { useStore } from 'zustand';
import type { LocalizedText } from '../../../engine/definition/types.js';
import { loc } from '../../../ui/i18n.js';
import type { EditStore } from './edit-store.js';
import { ListViewsEditor } from './list-views-editor.js';
import { useWords } from './words.js';

const WORDS = {
  title: { zh: '表单设置', en: 'Form settings' },
  nameZh: { zh: '表单名称（中文）', en: 'Form name (Chinese)' },
  nameEn: { zh: '表单名称（英文）', en: 'Form name (English)' },
  submitRoles: { zh: '可提交的角色', en: 'Roles that may submit' },
  everyRole: {
    zh: '都不选：应用的所有角色都可提交。',
    en: 'None ticked: every role of the app may submit.',
  },
  noRoles: {
    zh: '应用还没有角色：在应用页的“角色”中添加。',
    en: 'The app has no roles yet: add them under Roles on the app page.',
  },
  pickField: { zh: '选择一个字段以编辑其属性。', en: 'Select a field to edit its properties.' },
} as const;

function nameOf(name: LocalizedText): { zh: string; en: string } {
  return typeof name === 'string' ? { zh: name, en: name } : { zh: name.zh ?? '', en: name.en ?? '' };
}

export function FormSettings({
  edits,
  roles,
}: {
  edits: EditStore;
  roles: readonly { key: string; name: LocalizedText }[];
}) {
  const { lang } = useWords();
  const w = (k: keyof typeof WORDS) => WORDS[k][lang === 'en' ? 'en' : 'zh'];
  const name = nameOf(useStore(edits, (s) => s.doc.form.name));
  const submitRoles = useStore(edits, (s) => s.doc.form.submitRoles);
  const setName = (part: 'zh' | 'en', value: string) =>
    edits.getState().edit((d) => {
      d.form.name = { ...name, [part]: value };
    }, `form/name/${part}`);
  const toggle = (role: string, on: boolean) =>
    edits.getState().edit((d) => {
      const next = new Set(d.form.submitRoles ?? []);
      if (on) next.add(role);
      else next.delete(role);
      if (next.size === 0) delete d.form.submitRoles;
      else d.form.submitRoles = roles.map((r) => r.key).filter((k) => next.has(k));
    });
  return (
    <div className="properties" onBlur={() => edits.getState().seal()} data-testid="form-settings">
      <p className="muted">{w('pickField')}</p>
      <h3>{w('title')}</h3>
      <div className="prop">
        <label htmlFor="form-name-zh">{w('nameZh')}</label>
        <input id="form-name-zh" value={name.zh} onChange={(e) => setName('zh', e.target.value)} />
      </div>
      <div className="prop">
        <label htmlFor="form-name-en">{w('nameEn')}</label>
        <input id="form-name-en" value={name.en} onChange={(e) => setName('en', e.target.value)} />
      </div>
      <fieldset className="prop" data-testid="submit-roles">
        <legend>{w('submitRoles')}</legend>
        {roles.length === 0 ? (
          <p className="muted small">{w('noRoles')}</p>
        ) : (
          <>
            {roles.map((r) => (
              <label key={r.key} className="check">
                <input
                  type="checkbox"
                  checked={submitRoles?.includes(r.key) ?? false}
                  onChange={(e) => toggle(r.key, e.target.checked)}
                  data-testid={`submit-role-${r.key}`}
                />
                {loc(r.name, lang)}
              </label>
            ))}
            <small className="muted">{w('everyRole')}</small>
          </>
        )}
      </fieldset>
      <ListViewsEditor edits={edits} roles={roles} />
    </div>
  );
}
