/** A page's (or a section's) title with what belongs beside it: links, a badge, an action. */
import type { ReactNode } from 'react';

export function PageHead({
  title,
  level = 1,
  children,
}: {
  title: ReactNode;
  level?: 1 | 2;
  children?: ReactNode;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="page-head">
      <Heading>{title}</Heading>
      {children}
    </div>
  );
}
