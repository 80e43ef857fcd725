/** The arguments every graph command takes: one FILE and a few flags. */
export interface FileArgs {
  readonly file: string;
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
}

export type ArgsResult = { readonly ok: true; readonly args: FileArgs } | { readonly ok: false; readonly problem: string };

/**
 * `flags` are switches (--json); `valued` take a value (--sample 500 or --sample=500). Anything
 * else starting with a dash, a missing FILE or a second one is a usage problem, said in a sentence.
 */
export function parseFileArgs(argv: readonly string[], flags: readonly string[], valued: readonly string[] = []): ArgsResult {
  const files: string[] = [];
  const seen = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flags.includes(name) && inline === undefined) seen.add(name);
    else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ok: false, problem: `${name} needs a value` };
      options.set(name, value);
    } else return { ok: false, problem: `unknown option ${arg}` };
  }
  if (files.length === 0) return { ok: false, problem: 'missing the graph FILE' };
  if (files.length > 1) return { ok: false, problem: `expected one graph FILE, got ${files.length}: ${files.join(', ')}` };
  return { ok: true, args: { file: files[0], flags: seen, options } };
}
