/** Sign-in when the browser holds no session yet: the same login, and cookie, as the web app. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorText } from '../../ui/api.js';
import type { Me } from './me.js';
import { useT } from './i18n.js';

export function SignIn({ onSignedIn, language }: { onSignedIn: (me: Me) => void; language: ReactNode }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ user: Me }>('POST', '/auth/login', { username, password });
      onSignedIn(res.user);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signInFailed') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} className="card">
        <div className="row spread">
          <h1>{t('signInTitle')}</h1>
          {language}
        </div>
        <label htmlFor="login-username">{t('username')}</label>
        <input
          id="login-username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <label htmlFor="login-password">{t('password')}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
