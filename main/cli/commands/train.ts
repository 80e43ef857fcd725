import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { messageOf } from '../../../app/i18n/messages';
import { BACKENDS, OPTIMIZERS, TRAINING_INITIALIZERS } from '../../../app/options';
import { optionErrorSentence, parseOptionField, type OptionField } from '../../../app/train/option-errors';
import { graphTextProblems } from '../../../app/train/training-document';
import {
  DEFAULT_TRAINING_OPTIONS,
  type BackendName,
  type InitName,
  type OptimizerName,
  type TrainingEvent,
  type TrainingOptions,
  type TrainingResult,
} from '../../../app/train/protocol';
import { readTextLimited, saveTextAtomically } from '../../services/files';
import { createTrainingService } from '../../services/training-service';
import { processIo, type CliIo } from '../io';
import { printableIo } from '../printable';

export const TRAIN_USAGE = `usage: bpstudio train [--graph FILE] [--iters N] [--batch N] [--lr X] [--hidden N]
                      [--optimizer sgd|momentum|adagrad|adam] [--init normal|he|xavier] [--std X]
                      [--seed N] [--backend native|js] [--out FILE] [--json]

Trains the chapter's two-layer net (784-hidden-10), or the graph of --graph, on MNIST.
Defaults as the chapter: 10000 iterations, batch 100, lr 0.1, hidden 50, sgd, normal init std 0.01.
--out saves the graph with its trained weights; --json prints one JSON line per epoch and a last
{"done": true, ...} line.`;

export interface TrainArguments {
  readonly options: TrainingOptions;
  readonly graphPath?: string;
  readonly outPath?: string;
  readonly json: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

const CHOICES = { optimizer: OPTIMIZERS, init: TRAINING_INITIALIZERS, backend: BACKENDS } as const;

/** A number option, read as the app's field of the same name reads it and refused with the same sentence. */
function numberOption(flag: string, field: OptionField, text: string): number {
  const parsed = parseOptionField(field, text);
  if ('error' in parsed) throw new UsageError(`${optionErrorSentence(parsed.error)} (${flag} ${JSON.stringify(text)})`);
  return parsed.value;
}

function choice<T extends string>(flag: string, text: string, options: readonly T[]): T {
  if (!options.includes(text as T)) throw new UsageError(`${flag} must be one of ${options.join(', ')}, got "${text}"`);
  return text as T;
}

/** Parses the arguments after `train`; throws a UsageError with a sentence on anything wrong. */
export function parseTrainArguments(argv: readonly string[]): TrainArguments {
  const options: { -readonly [K in keyof TrainingOptions]: TrainingOptions[K] } = { ...DEFAULT_TRAINING_OPTIONS };
  let graphPath: string | undefined;
  let outPath: string | undefined;
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--graph': graphPath = value(); break;
      case '--iters': options.iterations = numberOption(flag, 'iterations', value()); break;
      case '--batch': options.batchSize = numberOption(flag, 'batch', value()); break;
      case '--lr': options.learningRate = numberOption(flag, 'lr', value()); break;
      case '--hidden': options.hiddenSize = numberOption(flag, 'hidden', value()); break;
      case '--std': options.weightStd = numberOption(flag, 'std', value()); break;
      case '--optimizer': options.optimizer = choice<OptimizerName>(flag, value(), CHOICES.optimizer); break;
      case '--init': options.init = choice<InitName>(flag, value(), CHOICES.init); break;
      case '--backend': options.backend = choice<BackendName>(flag, value(), CHOICES.backend); break;
      case '--seed': options.seed = numberOption(flag, 'seed', value()); break;
      case '--out': outPath = value(); break;
      case '--json': json = true; break;
      case '--help': case '-h': help = true; break;
      default:
        throw new UsageError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`);
    }
  }
  return { options, graphPath, outPath, json, help };
}

const BAR_WIDTH = 30;

function progressBar(iteration: number, iterations: number, loss: number, eta: number): string {
  const filled = Math.round((iteration / iterations) * BAR_WIDTH);
  const percent = ((iteration / iterations) * 100).toFixed(0).padStart(3);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}% iter ${iteration}/${iterations} loss ${loss.toFixed(4)} eta ${eta.toFixed(0)}s `;
}

/** Runs a training job in a worker and resolves with its terminal event. */
function trainInWorker(options: TrainingOptions, onEvent: (event: TrainingEvent) => void): Promise<TrainingEvent> {
  const service = createTrainingService();
  return new Promise((resolveEvent, reject) => {
    let runId: string;
    try {
      runId = service.start(options, (event) => {
        onEvent(event);
        if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') {
          void service.whenFinished(runId).then(() => resolveEvent(event));
        }
      });
    } catch (error) {
      reject(error);
      return;
    }
    // Ctrl-C cancels within one batch; the worker then reports 'cancelled'.
    const onSigint = (): void => service.cancel(runId);
    process.once('SIGINT', onSigint);
    void service.whenFinished(runId).then(() => process.off('SIGINT', onSigint));
  });
}

async function saveResult(path: string, result: TrainingResult): Promise<void> {
  await saveTextAtomically(resolve(path), result.graphText);
}

/** Why the trained graph could not be saved at path, checked before training; undefined when it can. */
async function outProblem(path: string): Promise<string | undefined> {
  const target = resolve(path);
  const folder = dirname(target);
  try {
    if (!(await stat(folder)).isDirectory()) return `cannot save to ${path}: ${folder} is not a folder`;
  } catch {
    return `cannot save to ${path}: the folder ${folder} does not exist`;
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    return `cannot save to ${path}: the folder ${folder} is not writable`;
  }
  try {
    if ((await stat(target)).isDirectory()) return `cannot save to ${path}: it is a folder`;
  } catch {
    // A new file: the folder's permission is what counts.
  }
  return undefined;
}

/** `bpstudio train`; returns the exit code (0 ok, 1 failed, diverged or a bad file, 2 wrong usage). */
export async function runTrain(argv: readonly string[], io: CliIo = printableIo(processIo)): Promise<number> {
  let args: TrainArguments;
  try {
    args = parseTrainArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`bpstudio train: ${error.message}\n${TRAIN_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${TRAIN_USAGE}\n`);
    return 0;
  }
  let options = args.options;
  if (args.graphPath !== undefined) {
    let graphText: string;
    try {
      graphText = await readTextLimited(args.graphPath);
    } catch (error) {
      // The reason alone ("no such file or folder"): the sentence names the file already.
      const reason = messageOf(error).params?.reason ?? messageOf(error).message;
      io.stderr(`bpstudio train: cannot read the graph file ${args.graphPath}: ${reason}\n`);
      return 1;
    }
    // Refused before a worker starts, in the sentences the app says them in, one a line.
    const problems = graphTextProblems(graphText.charCodeAt(0) === 0xfeff ? graphText.slice(1) : graphText).map((p) => p.message);
    if (problems.length > 0) {
      io.stderr(`bpstudio train: the graph in ${args.graphPath} cannot be trained:\n${problems.map((p) => `  ${p}\n`).join('')}`);
      return 1;
    }
    options = { ...options, graphText };
  }
  if (args.outPath !== undefined) {
    const problem = await outProblem(args.outPath);
    if (problem !== undefined) {
      io.stderr(`bpstudio train: ${problem}\n`);
      return 1;
    }
  }

  const tty = !args.json && process.stdout.isTTY === true;
  let barShown = false;
  // The bar is made of our own characters and numbers only: written as is, \r and erase included.
  const clearBar = (): void => {
    if (barShown) process.stdout.write('\r\x1b[K');
    barShown = false;
  };
  const terminal = await trainInWorker(options, (event) => {
    if (event.type === 'started' && event.backend !== options.backend && !args.json) {
      io.stderr(`bpstudio train: the ${options.backend} backend is not available; training on ${event.backend}\n`);
    } else if (event.type === 'progress' && tty) {
      process.stdout.write(progressBar(event.iteration, event.iterations, event.loss, event.etaSeconds));
      barShown = true;
    } else if (event.type === 'epoch') {
      if (args.json) {
        io.stdout(`${JSON.stringify({ epoch: event.epoch, iteration: event.iteration, train_acc: event.trainAccuracy, test_acc: event.testAccuracy })}\n`);
      } else {
        clearBar();
        io.stdout(`train acc, test acc | ${event.trainAccuracy}, ${event.testAccuracy}\n`);
      }
    }
  });
  clearBar();

  if (terminal.type === 'done') {
    const { result } = terminal;
    if (args.outPath !== undefined) await saveResult(args.outPath, result);
    if (args.json) {
      io.stdout(`${JSON.stringify({ done: true, seconds: result.seconds, train_acc: result.trainAccuracy, test_acc: result.testAccuracy, backend: result.backend })}\n`);
    } else {
      io.stdout(
        `done: ${result.iterations} iterations in ${result.seconds.toFixed(2)} s on ${result.backend}; train acc ${result.trainAccuracy}, test acc ${result.testAccuracy}\n`,
      );
      if (args.outPath !== undefined) io.stdout(`saved the trained graph to ${args.outPath}\n`);
    }
    return 0;
  }
  if (terminal.type === 'failed') {
    io.stderr(`${terminal.message}\n`);
    if (terminal.result && args.outPath !== undefined) {
      await saveResult(args.outPath, terminal.result);
      io.stderr(`saved the last good weights to ${args.outPath}\n`);
    }
    return 1;
  }
  io.stderr(`training cancelled at iteration ${terminal.type === 'cancelled' ? terminal.iteration : '?'}\n`);
  return 1;
}
