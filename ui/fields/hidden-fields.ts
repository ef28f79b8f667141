/** What the form hides (visibleIf): top-level field keys and `/table/row/column` pointers of hidden cells. */
import { createContext } from 'react';

export const HiddenFields = createContext<ReadonlySet<string>>(new Set());
