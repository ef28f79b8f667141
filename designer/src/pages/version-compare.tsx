/**
 * Any two published versions compared (`GET /apps/:app/versions/:a/diff/:b`, the engine's
 * `diffBundles`): what changed form by form, flow by flow and dashboard by dashboard, down to each
 * field's and step's properties and who may see, edit or must fill what at a step. It opens on the
 * version before the current one against the current, the question a team asks after a publish.
 */
import { useEffect, useState } from 'react';
import type { VersionDiff } from '../../../contract/versions.js';
import { api, errorText } from '../../../ui/api.js';
import type { Lang } from '../../../ui/i18n.js';
import { useT } from '../i18n.js';
import type { StudioVersion } from '../studio-types.js';
import { CHANGE_WORDS, KIND_WORDS, PERMISSION_WORDS, word } from './change-words.js';

const WORDS = {
  title: { zh: '比较两个版本', en: 'Compare two versions' },
  from: { zh: '从', en: 'From' },
  to: { zh: '到', en: 'To' },
  same: { zh: '两个版本没有差别。', en: 'The two versions are the same.' },
  single: { zh: '只有一个已发布版本，暂无可比较的内容。', en: 'There is one published version only.' },
  loading: { zh: '比较中…', en: 'Comparing…' },
};

type Change = VersionDiff['changes'][number];

interface ListChange {
  added?: string[];
  removed?: string[];
}

/** A value in a line of text: a string as it is, anything else as its (short) JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The details under one change: its properties, a type change and what changed in a step's permissions. */
function details(change: Change, lang: Lang): string[] {
  const lines: string[] = [];
  const props = Array.isArray(change.properties) ? (change.properties as Record<string, unknown>[]) : [];
  // The diff leaves out values whose JSON is long, so a side missing says nothing: name the property only.
  for (const p of props)
    lines.push(
      p.before !== undefined && p.after !== undefined
        ? `${String(p.property)}: ${shown(p.before)} → ${shown(p.after)}`
        : String(p.property),
    );
  const type = change.typeChange as { from?: string; to?: string } | undefined;
  if (type) lines.push(`${word(PERMISSION_WORDS, 'type', lang)}: ${type.from} → ${type.to}`);
  const permissions = (change.permissions ?? {}) as Record<string, ListChange | boolean | undefined>;
  for (const [key, value] of Object.entries(permissions)) {
    if (value === true) lines.push(word(PERMISSION_WORDS, key, lang));
    else if (value && typeof value === 'object') {
      const parts = [
        ...(value.added ?? []).map((k) => `+${k}`),
        ...(value.removed ?? []).map((k) => `−${k}`),
      ];
      if (parts.length > 0) lines.push(`${word(PERMISSION_WORDS, key, lang)}: ${parts.join(', ')}`);
    }
  }
  return lines;
}

export function VersionCompare({ app, versions }: { app: string; versions: StudioVersion[] }) {
  const { lang } = useT();
  const say = (key: keyof typeof WORDS) => WORDS[key][lang === 'en' ? 'en' : 'zh'];
  // Newest first: the current version against the one before it.
  const [from, setFrom] = useState(versions[1]?.version);
  const [to, setTo] = useState(versions[0]?.version);
  const [diff, setDiff] = useState<VersionDiff>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setFrom(versions[1]?.version);
    setTo(versions[0]?.version);
  }, [versions]);

  useEffect(() => {
    setDiff(undefined);
    setError(undefined);
    if (from === undefined || to === undefined || from === to) return;
    let live = true;
    api<VersionDiff>('GET', `/apps/${encodeURIComponent(app)}/versions/${from}/diff/${to}`).then(
      (d) => live && setDiff(d),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [app, from, to]);

  const picker = (label: string, value: number | undefined, set: (n: number) => void, id: string) => (
    <label htmlFor={id}>
      {label}{' '}
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="card" aria-labelledby="compare-title" data-testid="version-compare">
      <h2 id="compare-title">{say('title')}</h2>
      {versions.length < 2 ? (
        <p className="muted">{say('single')}</p>
      ) : (
        <>
          <div className="row">
            {picker(say('from'), from, setFrom, 'compare-from')}
            {picker(say('to'), to, setTo, 'compare-to')}
          </div>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {from === to ? (
            <p className="muted">{say('same')}</p>
          ) : !diff ? (
            !error && <p className="muted">{say('loading')}</p>
          ) : diff.groups.length === 0 ? (
            <p className="muted">{say('same')}</p>
          ) : (
            diff.groups.map((g) => (
              <div key={`${g.kind}:${g.key}`} className="compare-group">
                <h3>
                  {word(KIND_WORDS, g.kind, lang)} <code>{g.key}</code>
                  {g.change && ` ${word(CHANGE_WORDS, g.change, lang)}`}
                </h3>
                <ul className="changes" data-testid="compare-changes">
                  {g.changes.map((c) => (
                    <li key={`${String(c.kind)}:${String(c.path)}:${String(c.change)}`}>
                      {word(KIND_WORDS, String(c.kind), lang)} <code>{String(c.key)}</code>{' '}
                      {word(CHANGE_WORDS, String(c.change), lang)}
                      {details(c, lang).length > 0 && (
                        <ul>
                          {details(c, lang).map((line) => (
                            <li key={line} className="muted">
                              {line}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </>
      )}
    </section>
  );
}
