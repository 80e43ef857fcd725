// `node dist/main/host/server.js [--port N] [--workspace DIR] [--backups DIR] [--open]` (`npm run web`): browser mode.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { distDir } from '../paths';
import { createBackupStore } from '../services/backups';
import { createDefaultApiService } from '../services/default-api-service';
import { cleanStaleTempFiles } from '../services/files';
import { startHost } from './host';
import { openInBrowser } from './open-browser';

export const DEFAULT_PORT = 5180;

interface ServerArguments {
  readonly port: number;
  readonly host: string;
  readonly workspace: string;
  /** Hot exit's backups; by default a hidden folder of the workspace, so two hosts on two workspaces do not share one. */
  readonly backups: string;
  readonly open: boolean;
}

const USAGE = 'usage: server.js [--port N] [--workspace DIR] [--backups DIR] [--open] [--host 127.0.0.1]';
export const BACKUPS_FOLDER = '.bpstudio-backups';

export function parseServerArguments(argv: readonly string[]): ServerArguments {
  let port = DEFAULT_PORT;
  let host = '127.0.0.1';
  let workspace = join(homedir(), 'Backprop Studio');
  let backups: string | undefined;
  let open = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--port') {
      const text = value();
      port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got ${text}`);
    } else if (arg === '--workspace') workspace = resolve(value());
    else if (arg === '--backups') backups = resolve(value());
    else if (arg === '--host') host = value();
    else if (arg === '--open') open = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { port, host, workspace, backups: backups ?? join(workspace, BACKUPS_FOLDER), open };
}

async function main(): Promise<void> {
  let args: ServerArguments;
  try {
    args = parseServerArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const rendererDir = join(distDir(), 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(`the renderer is not built (${rendererDir}/index.html is missing); run npm run build first\n`);
    process.exit(1);
  }
  const service = createDefaultApiService({
    mode: 'browser',
    workspaceDir: args.workspace,
    backups: createBackupStore(args.backups),
    chooseFileToOpen: async () => null,
    chooseSavePath: async () => null,
  });
  await cleanStaleTempFiles(args.workspace);
  const running = await startHost({ port: args.port, host: args.host, rendererDir, service });
  process.stdout.write(`Backprop Studio (browser mode) at ${running.url}\n`);
  process.stdout.write(`saving into ${args.workspace}\n`);
  process.stdout.write(`unsaved changes backed up in ${args.backups}\n`);
  if (args.open) process.stdout.write(`${openInBrowser(running.url)}\n`);

  const stop = () => {
    void running.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
