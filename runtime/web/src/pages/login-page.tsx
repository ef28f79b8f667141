/** Sign in with username and password; the server sets the session and CSRF cookies. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../../../../ui/router.js';
import type { User } from '../types.js';

export function LoginPage({ onSignedIn, language }: { onSignedIn: (u: User) => void; language: ReactNode }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ user: User }>('POST', '/auth/login', { username, password });
      if (window.location.pathname === '/login') navigate('/', { replace: true });
      onSignedIn(res.user);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t('badCredentials')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <div className="login-head">
          <h1>Flowcase</h1>
          {language}
        </div>
        <div className="field">
          <label htmlFor="login-username">{t('username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
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
