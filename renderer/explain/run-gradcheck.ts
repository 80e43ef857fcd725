import type { GradcheckJob, GradcheckReport } from '../../app/explain/gradcheck-report';

/** Runs the check in a Web Worker; resolves with its report. */
export function runGradcheckInWorker(job: GradcheckJob): Promise<GradcheckReport> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./gradcheck.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<GradcheckReport>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      resolve({ ok: false, message: e.message || 'the gradient check stopped' });
      worker.terminate();
    };
    worker.postMessage(job);
  });
}
