// Which lessons are finished, kept between starts.
const KEY = 'bpstudio.lessons.done';

export function loadDone(): Set<string> {
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveDone(done: ReadonlySet<string>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...done]));
  } catch {
    // Not kept, still shown for this session.
  }
}
