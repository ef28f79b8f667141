/**
 * The page's side of the form-engine worker: one worker for the app, requests answered in order,
 * and a hook that re-checks the form whenever its input changes (latest answer wins).
 */
import { useEffect, useState } from 'react';
import { rememberFieldControls } from '../../../ui/fields/field-controls.js';
import type { EngineRequest, EngineResponse } from './engine-protocol.js';

type Pending = (response: EngineResponse) => void;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./engine-worker.ts', import.meta.url), {
      type: 'module',
      name: 'form-engine',
    });
    worker.onmessage = (event: MessageEvent<EngineResponse>) => {
      if (event.data.ok) rememberFieldControls(event.data.controls);
      const done = pending.get(event.data.id);
      pending.delete(event.data.id);
      done?.(event.data);
    };
  }
  return worker;
}

export type EngineInput = Omit<EngineRequest, 'id'>;

/** Asks the engine about one form state. */
export function checkForm(input: EngineInput): Promise<EngineResponse> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ ...input, id } satisfies EngineRequest);
  });
}

/** `YYYY-MM-DD` of the browser's day (the server uses its own zone; the server's answer wins). */
export function localToday(at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** The engine's latest answer for `input` (undefined until the first one arrives). */
export function useFormEngine(
  input: EngineInput | undefined,
): Extract<EngineResponse, { ok: true }> | undefined {
  const [result, setResult] = useState<Extract<EngineResponse, { ok: true }>>();
  const key = input ? JSON.stringify({ ...input, form: input.formKey, now: undefined }) : '';
  useEffect(() => {
    if (!input) return;
    let live = true;
    void checkForm({ ...input, now: new Date().toISOString(), today: localToday() }).then((r) => {
      if (live && r.ok) setResult(r);
    });
    return () => {
      live = false;
    };
    // The key captures everything in `input` that matters.
  }, [key]);
  return result;
}
