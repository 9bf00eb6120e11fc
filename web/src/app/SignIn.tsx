import { type FormEvent, useState } from 'react';
import { useSignIn } from '../api/hooks';
import { useI18n } from '../i18n/i18n';

export function SignIn() {
  const { t, locale, setLocale } = useI18n();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password });
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="panel">
        <h1>{t('app.title')}</h1>
        <label>
          {t('auth.email')}
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {signIn.error ? (
          <div className="state state-error" role="alert">
            {(signIn.error as Error).message}
          </div>
        ) : null}
        <button type="submit" disabled={signIn.isPending}>
          {t('auth.signIn')}
        </button>
        <button type="button" className="link" onClick={() => setLocale(locale === 'en' ? 'zh' : 'en')}>
          {t('common.language')}
        </button>
      </form>
    </main>
  );
}
