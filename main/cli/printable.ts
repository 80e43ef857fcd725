import type { CliIo } from './io';

// C0 controls but tab and newline, DEL, C1 controls (U+009B is a one-character CSI to some
// terminals), and the bidirectional overrides and isolates that can reorder what a line shows.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Text safe to print on a terminal: every control character shown as an escape (ESC as \x1b), so a
 * node id, label or file name can neither retitle, clear nor move about the user's terminal.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}

/** An io whose every write goes through printable: what the CLI's commands print with. */
export function printableIo(io: CliIo): CliIo {
  return { stdout: (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)) };
}
