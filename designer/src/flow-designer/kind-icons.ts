/**
 * The node kinds' icons: the registry names a Lucide icon for each kind; the canvas draws them
 * as single glyphs the system fonts have (no icon font to load), with a neutral one for kinds
 * registered later.
 */
const GLYPHS: Record<string, string> = {
  'user-check': '☺',
  'git-branch': '◇',
  split: '⋔',
  merge: '⊕',
  bell: '✉',
  webhook: '⇄',
  database: '▤',
  hourglass: '◔',
  radio: '⚑',
  workflow: '⊞',
  flag: '■',
};

export function kindGlyph(icon: string | undefined): string {
  return (icon && GLYPHS[icon]) ?? '●';
}
