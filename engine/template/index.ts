/**
 * Safe Handlebars templates: `checkTemplate` when a definition is saved, `renderTemplate` when a
 * notification or webhook body is produced.
 */
export { analyzeTemplate, checkTemplate, type TemplateCheckOptions } from './template-check.js';
export { renderTemplate, type RenderOptions } from './template-render.js';
export { formatDate, formatMoney } from './format-helpers.js';
export { displayValues, type DisplayLanguage, type DisplayOptions } from './display-values.js';
export { MAX_TEMPLATE_LENGTH, TEMPLATE_BUILTINS, BLOCK_HELPERS, INLINE_HELPERS } from './template-policy.js';
