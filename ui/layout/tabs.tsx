/**
 * Tabs: a `tablist` of links (each tab its own address) or buttons (a view within the page), the
 * chosen one marked for the eye and for screen readers (`aria-selected`).
 */
import type { ReactNode } from 'react';
import { Link } from '../router.js';

export function TabList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {children}
    </div>
  );
}

interface TabProps {
  selected: boolean;
  /** A link tab's address. */
  to?: string;
  onSelect?: () => void;
  disabled?: boolean;
  title?: string;
  testId?: string;
  children: ReactNode;
}

export function Tab({ selected, to, onSelect, disabled, title, testId, children }: TabProps) {
  const common = {
    role: 'tab',
    'aria-selected': selected,
    className: selected ? 'tab active' : 'tab',
    'data-testid': testId,
  };
  if (to !== undefined)
    return (
      <Link {...common} to={to}>
        {children}
      </Link>
    );
  return (
    <button
      {...common}
      type="button"
      aria-disabled={disabled || undefined}
      title={title}
      onClick={() => {
        if (!disabled) onSelect?.();
      }}
    >
      {children}
    </button>
  );
}
