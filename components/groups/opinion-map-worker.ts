// Computes opinion maps in a worker (utils/share/opinion/worker.ts), one message per request;
// where there is no worker (a test's DOM) or it fails to start, the map is computed here, after the
// current task, so the view still paints first. Either way the result is mapOpinions' own.
/// <reference types="vite/client" />
import type { ArticleRecord } from '@/utils/positions/model';
import type { Group } from '@/utils/share/format';
import { mapOpinions, type OpinionMap } from '@/utils/share/opinion';
import type { OpinionRequest } from '@/utils/share/opinion/worker';

let worker: Promise<Worker | null> | undefined;
let nextId = 0;
const pending = new Map<number, { request: OpinionRequest; resolve: (map: OpinionMap) => void }>();

function onThisThread(request: OpinionRequest): Promise<OpinionMap> {
  return new Promise((resolve) => setTimeout(() => resolve(mapOpinions(request.group, request.reader)), 0));
}

async function startWorker(): Promise<Worker | null> {
  if (typeof Worker === 'undefined') return null;
  try {
    // Vite bundles the worker as a file of its own and gives a constructor for it; imported only
    // where workers exist, so Node (the benchmarks, the CLI) never asks for it.
    const { default: OpinionWorker } = await import('@/utils/share/opinion/worker?worker');
    const started: Worker = new OpinionWorker();
    started.addEventListener('message', (event: MessageEvent<{ id: number; map: OpinionMap }>) => {
      const job = pending.get(event.data.id);
      pending.delete(event.data.id);
      job?.resolve(event.data.map);
    });
    // A worker that cannot start or run (an old browser, a policy) hands its jobs back to this thread.
    started.addEventListener('error', () => {
      worker = Promise.resolve(null);
      started.terminate();
      for (const [id, job] of pending) {
        pending.delete(id);
        void onThisThread(job.request).then(job.resolve);
      }
    });
    return started;
  } catch {
    return null;
  }
}

export async function computeOpinionMap(group: Group, reader: ArticleRecord | null): Promise<OpinionMap> {
  worker ??= startWorker();
  const running = await worker;
  const request: OpinionRequest = { id: nextId++, group, reader };
  if (!running) return onThisThread(request);
  return new Promise((resolve) => {
    pending.set(request.id, { request, resolve });
    running.postMessage(request);
  });
}
