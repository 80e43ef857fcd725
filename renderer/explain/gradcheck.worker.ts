import { runGradcheckJob, type GradcheckJob } from '../../app/explain/gradcheck-report';

// The gradient check runs thousands of forward passes: here, off the UI thread.
self.onmessage = (e: MessageEvent<GradcheckJob>) => {
  let report;
  try {
    report = runGradcheckJob(e.data);
  } catch (error) {
    report = { ok: false as const, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(report);
};
