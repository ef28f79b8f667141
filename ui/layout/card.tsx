/** A card: a section of a page on its own white ground. */
import type { HTMLAttributes, ReactNode } from 'react';

export function Card({
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLElement> & { children: ReactNode }) {
  return (
    <section className={className ? `card ${className}` : 'card'} {...rest}>
      {children}
    </section>
  );
}
