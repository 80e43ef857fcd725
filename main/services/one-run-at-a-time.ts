import { CodedError, englishMessage } from '../../app/i18n/messages';
import type { TrainingEvent } from '../../app/train/protocol';
import type { TrainingRunner } from './api-service';

const ENDS: ReadonlySet<TrainingEvent['type']> = new Set(['done', 'cancelled', 'failed']);

export const SECOND_RUN_MESSAGE = englishMessage('training_second_run', {});

/**
 * One training run at a time per host (and per Electron app): each run holds a worker, MNIST and
 * hundreds of MB, so a second Start is refused with a sentence instead of doubling all of that.
 */
export function oneRunAtATime(runner: TrainingRunner): TrainingRunner {
  // 'starting' covers the time between Start and the run id, so two quick Starts cannot both pass.
  let active: string | 'starting' | null = null;
  const ended = new Set<string>();

  return {
    async start(options, onEvent) {
      if (active !== null) throw new CodedError('training_second_run');
      active = 'starting';
      let runId: string;
      try {
        runId = await runner.start(options, (event) => {
          if (ENDS.has(event.type)) {
            ended.add(event.runId);
            if (active === event.runId) active = null;
          }
          onEvent(event);
        });
      } catch (error) {
        active = null;
        throw error;
      }
      // A run may end before its id comes back (a failure at once).
      active = ended.has(runId) ? null : runId;
      return runId;
    },
    pause: (runId) => runner.pause(runId),
    resume: (runId) => runner.resume(runId),
    cancel: (runId) => runner.cancel(runId),
  };
}
