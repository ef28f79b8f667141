/**
 * The preview's form engine, in a worker: ajv compiles validators with `new Function`, which the
 * designer page's CSP forbids, so the engine's real form compiler runs here (served with a policy
 * of its own). Compiles the form once per definition and answers, for what the designer typed,
 * the evaluated data (formulas), the hidden paths (visibility) and the problems `submit` finds;
 * linked records come with the request, loaded by the page through the API as the web app does.
 */
import { compileForm } from '../../../engine/form/compile-form.js';
import type { CompiledForm } from '../../../engine/form/types.js';
import type { PreviewRequest, PreviewResponse } from './preview-protocol.js';

let cached: { key: string; form: CompiledForm } | undefined;

function answer(request: PreviewRequest): PreviewResponse {
  try {
    const key = JSON.stringify(request.form);
    if (cached?.key !== key) cached = { key, form: compileForm(request.form) };
    const form = cached.form;
    const context = {
      now: request.now,
      today: request.today,
      language: request.language,
      // A record the page has not loaded (or may not see) is left unresolved, as in the web app.
      lookup: (form: string, id: string) => request.relations[form]?.[id] ?? { id },
    };
    const result = form.submit(request.input, { ...context, mode: 'create' });
    const evaluated = form.evaluate(request.input, context);
    const hidden = form
      .hiddenPaths(request.input, context)
      .map((p) => (p.lastIndexOf('/') === 0 ? p.slice(1) : p));
    return {
      id: request.id,
      ok: true,
      evaluated,
      hidden,
      errors: result.errors.map(({ path, code, message }) => ({ path, code, message })),
    };
  } catch (e) {
    return { id: request.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

// The project compiles with the DOM library; a worker's global scope is typed by hand.
const scope = self as unknown as {
  postMessage(message: PreviewResponse): void;
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
};
scope.onmessage = (event) => scope.postMessage(answer(event.data));
