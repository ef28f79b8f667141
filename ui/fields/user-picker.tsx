/**
 * A person picker: a combobox over the app's people (`GET /apps/:app/users`, loaded once per app),
 * filtered by display name or username as the user types; the value is the person's id. When the
 * route answers 403 (customers) it falls back to a plain text input (a user id, with the people the
 * app already knows as suggestions). With `free`, the typed text itself is the value until a person
 * is picked or typed by exact username (transfer takes a username or an id). `people` replaces the
 * app's directory with a list of its own (a transfer offers only the task's eligible receivers).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { loadApp, useAsync } from '../data.js';
import { loc, useI18n, type Translate } from '../i18n.js';
import { knownUsers, useAppPeople, useUserName, type Person } from '../records.js';
import type { AppView } from '../../contract/index.js';

const MAX_OPTIONS = 50;

function matches(p: Person, needle: string): boolean {
  return !needle || p.username.toLowerCase().includes(needle) || p.displayName.toLowerCase().includes(needle);
}

export function personLabel(p: Pick<Person, 'displayName' | 'username'>): string {
  return `${p.displayName} (${p.username})`;
}

/**
 * What tells a person apart in a picker besides their name: their roles in the app, by the roles'
 * names ("维修工程师"), and their username only when someone else on the list has the same name.
 */
function personDetail(
  p: Person,
  app: AppView | undefined,
  namesakes: boolean,
  lang: 'zh-CN' | 'en',
  t: Translate,
): string {
  const roles = (p.roles ?? [])
    .map((key) => loc(app?.roles.find((r) => r.key === key)?.name, lang))
    .filter((name) => name !== '');
  return [...roles, ...(namesakes ? [p.username] : [])].join(t('listSeparator'));
}

function PersonOption({ name, detail }: { name: string; detail: string }) {
  return (
    <>
      {name}
      {detail && <span className="muted"> · {detail}</span>}
    </>
  );
}

export function UserPicker({
  id,
  app,
  value,
  onChange,
  describedBy,
  invalid,
  required,
  free,
  people: only,
}: {
  id: string;
  app: string;
  value: unknown;
  onChange: (v: string | undefined) => void;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  free?: boolean;
  /** The people to offer instead of the app's directory ('loading' until they are known). */
  people?: Person[] | 'denied' | 'loading';
}) {
  const { t, lang } = useI18n();
  const appView = useAsync(() => loadApp(app), [app]).data;
  const directory = useAppPeople(only === undefined ? app : undefined);
  const people = only === undefined ? directory : only === 'loading' ? undefined : only;
  const selected = typeof value === 'string' && value ? value : undefined;
  const selectedName = useUserName(selected);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-list`;
  const chipId = `${id}-selected`;

  const needle = text.trim().toLowerCase();
  const found = Array.isArray(people) ? people.filter((p) => matches(p, needle)).slice(0, MAX_OPTIONS) : [];
  const trimmed = text.trim();
  // An id typed or pasted in full (a person the directory does not list) can still be used.
  const offerId = !free && trimmed.length >= 6 && !/\s/.test(trimmed) && !found.some((p) => p.id === trimmed);
  const options: { id: string; person?: Person }[] = [
    ...found.map((p) => ({ id: p.id, person: p })),
    ...(offerId ? [{ id: trimmed }] : []),
  ];
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const names = new Map<string, number>();
  for (const p of found) names.set(p.displayName, (names.get(p.displayName) ?? 0) + 1);

  useEffect(() => {
    if (open) document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex, listId]);

  if (people === 'denied') {
    const listOf = `${id}-users`;
    return (
      <>
        <input
          id={id}
          type="text"
          list={free ? undefined : listOf}
          placeholder={free ? undefined : t('userIdHint')}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          value={selected ?? ''}
          onChange={(e) => onChange(free ? e.target.value || undefined : e.target.value.trim() || undefined)}
        />
        {!free && (
          <datalist id={listOf}>
            {knownUsers().map((u) => (
              <option key={u.id} value={u.id}>
                {personLabel(u)}
              </option>
            ))}
          </datalist>
        )}
      </>
    );
  }

  // With `free`, a value equal to the typed text is that text, not a pick.
  const picked = selected !== undefined && !(free && selected === text.trim()) ? selected : undefined;

  const choose = (i: number) => {
    const opt = options[i];
    if (!opt) return;
    onChange(opt.id);
    setText('');
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (open) setActive(Math.min(activeIndex + 1, Math.max(0, options.length - 1)));
      else setOpen(true);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(0, activeIndex - 1));
    } else if (e.key === 'Home' && open) {
      setActive(0);
    } else if (e.key === 'End' && open) {
      setActive(Math.max(0, options.length - 1));
    } else if (e.key === 'Enter' && open && options[activeIndex]) {
      e.preventDefault();
      choose(activeIndex);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="combo">
      {picked && (
        <div className="combo-selected">
          <span className="chip" id={chipId} data-testid={chipId} title={picked}>
            {selectedName ?? picked}
          </span>
          <button
            type="button"
            className="link"
            onClick={() => {
              onChange(undefined);
              input.current?.focus();
            }}
          >
            {t('clear')}
          </button>
        </div>
      )}
      <input
        ref={input}
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[activeIndex] ? `${listId}-${activeIndex}` : undefined}
        aria-describedby={[picked ? chipId : undefined, describedBy].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        placeholder={t('searchPeople')}
        value={text}
        onChange={(e) => {
          const typed = e.target.value.trim();
          // With `free`, an exact username (or id) is that person: picked, and the list closes.
          const exact =
            free && typed && Array.isArray(people)
              ? people.find((p) => p.id === typed || p.username.toLowerCase() === typed.toLowerCase())
              : undefined;
          setText(e.target.value);
          setActive(0);
          setOpen(!exact);
          if (free) onChange(exact ? exact.id : typed || undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {open && (
        <ul className="combo-list" role="listbox" id={listId} aria-label={t('searchPeople')}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
            >
              {o.person ? (
                <PersonOption
                  name={o.person.displayName}
                  detail={personDetail(
                    o.person,
                    appView,
                    (names.get(o.person.displayName) ?? 0) > 1,
                    lang,
                    t,
                  )}
                />
              ) : (
                t('useId', { id: o.id })
              )}
            </li>
          ))}
          {options.length === 0 && (
            <li className="muted" role="presentation">
              {people === undefined ? t('loading') : t('noMatches')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
