/**
 * The form engine in a worker: compiles each form once and answers "what would the server say?"
 * for every keystroke: recomputed formulas, hidden fields and validation problems (en/zh).
 */
import { compileForm } from '../../../engine/form/index.js';
import type { CompiledForm } from '../../../engine/form/index.js';
import { controlsOf } from './engine-controls.js';
import type { EngineRequest, EngineResponse } from './engine-protocol.js';

const compiled = new Map<string, CompiledForm>();

function formFor(request: EngineRequest): CompiledForm {
  let form = compiled.get(request.formKey);
  if (!form) {
    form = compileForm(request.form);
    compiled.set(request.formKey, form);
  }
  return form;
}

function answer(request: EngineRequest): EngineResponse {
  try {
    const form = formFor(request);
    const lookup = (formKey: string, id: string): Readonly<Record<string, unknown>> | undefined => {
      const known = request.relations[formKey]?.[id];
      // A record the page could not load (not visible to this user) is left for the server to check.
      return known ?? { id };
    };
    const context = {
      now: request.now,
      today: request.today,
      language: request.language,
      lookup,
      ...(request.user ? { user: request.user } : {}),
    };
    const result = form.submit(request.input, {
      ...context,
      mode: request.mode,
      ...(request.previous ? { previous: request.previous } : {}),
      ...(request.permissions ? { permissions: request.permissions } : {}),
    });
    const merged = { ...(request.previous ?? {}), ...request.input };
    const evaluated = form.evaluate(merged, context);
    // One pass for every field and table cell (top-level keys, then `/table/row/column` pointers).
    const hidden = form.hiddenPaths(merged, context).map((p) => (p.lastIndexOf('/') === 0 ? p.slice(1) : p));
    return {
      id: request.id,
      ok: true,
      evaluated,
      hidden,
      errors: result.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      valid: result.ok,
      controls: controlsOf(request.form.fields),
    };
  } catch (e) {
    return { id: request.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

// The project compiles with the DOM library; a worker's global scope is typed by hand.
const scope = self as unknown as {
  postMessage(message: EngineResponse): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
};
scope.onmessage = (event) => {
  scope.postMessage(answer(event.data));
};
