// The welcome dialog shows on the first start only, unless the learner ticks "show at every start";
// Help → Welcome and the ? button bring it back at any time. The key holds 'true' (seen) or
// 'always'. e2e/fixtures.ts sets it to 'true' to keep the dialog out of the specs' way.
export const WELCOME_SEEN_KEY = 'bpstudio.welcomeSeen';

function read(): string | null {
  try {
    return globalThis.localStorage?.getItem(WELCOME_SEEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Whether the dialog opens by itself at start. */
export function welcomeAtStart(): boolean {
  return read() !== 'true';
}

export function showWelcomeAlways(): boolean {
  return read() === 'always';
}

export function rememberWelcome(always: boolean): void {
  try {
    globalThis.localStorage?.setItem(WELCOME_SEEN_KEY, always ? 'always' : 'true');
  } catch {
    // Shown again next time, which is harmless.
  }
}
