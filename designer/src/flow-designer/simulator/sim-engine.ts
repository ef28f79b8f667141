/**
 * The page's side of the simulator worker: one worker per panel, requests answered by id. Only
 * the answer to the latest request of each kind counts (an older run or an older draft's scenario
 * results arriving late are dropped).
 */
import { useEffect, useRef } from 'react';
import type { SimRequest, SimResponse } from './simulator-protocol.js';

type Ask = <K extends SimRequest['kind']>(
  request: Omit<Extract<SimRequest, { kind: K }>, 'id'> & { kind: K },
) => Promise<SimResponse | undefined>;

export function useSimEngine(): Ask {
  const state = useRef<{
    worker: Worker;
    next: number;
    latest: Map<string, number>;
    waiting: Map<number, (r: SimResponse) => void>;
  }>(undefined);
  useEffect(() => {
    const worker = new Worker(new URL('./simulator-worker.ts', import.meta.url), {
      type: 'module',
      name: 'simulator-worker',
    });
    const current = {
      worker,
      next: 1,
      latest: new Map<string, number>(),
      waiting: new Map<number, (r: SimResponse) => void>(),
    };
    state.current = current;
    worker.onmessage = (e: MessageEvent<SimResponse>) => {
      current.waiting.get(e.data.id)?.(e.data);
      current.waiting.delete(e.data.id);
    };
    return () => {
      worker.terminate();
      state.current = undefined;
    };
  }, []);
  return useRef<Ask>(async (request) => {
    const current = state.current;
    if (!current) return undefined;
    const id = current.next++;
    current.latest.set(request.kind, id);
    const answer = await new Promise<SimResponse>((resolve) => {
      current.waiting.set(id, resolve);
      current.worker.postMessage({ ...request, id });
    });
    return current.latest.get(request.kind) === id ? answer : undefined;
  }).current;
}
