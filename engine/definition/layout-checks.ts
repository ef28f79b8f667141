/**
 * The `layout` section's total size. The schema bounds each level of the designer's metadata; this
 * caps the whole section, so positions and form sections can never outgrow the definition itself.
 */
import type { Problem } from '../errors.js';

/** Characters of JSON the `layout` section may take. */
export const MAX_LAYOUT_CHARS = 512 * 1024;

/** Assumes the input passed `checkInputLimits`, so serializing it is bounded. */
export function checkLayoutSize(json: unknown): Problem[] {
  if (typeof json !== 'object' || json === null || !('layout' in json)) return [];
  const { layout } = json;
  const size = JSON.stringify(layout)?.length ?? 0;
  if (size <= MAX_LAYOUT_CHARS) return [];
  return [
    {
      path: '/layout',
      code: 'layout.too_large',
      message: `The layout may take at most ${MAX_LAYOUT_CHARS} characters of JSON (this one takes ${size}).`,
    },
  ];
}
