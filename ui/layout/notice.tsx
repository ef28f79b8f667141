/** A message in the flow of the page: information, a success, or an error (announced at once). */
import type { ReactNode } from 'react';

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'ok' | 'error'; children: ReactNode }) {
  return (
    <p
      className={tone === 'info' ? 'notice' : `notice ${tone}`}
      role={tone === 'error' ? 'alert' : undefined}
    >
      {children}
    </p>
  );
}
