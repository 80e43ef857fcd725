import type { Page } from '@playwright/test';

// Where things lie on the screen, for the specs that check nothing covers anything else.

export interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly right: number;
  readonly bottom: number;
}

/** The screen boxes of the elements a selector matches, named by their test id. */
export async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('data-testid') ?? el.className, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
    }),
  );
}

export const nodeBoxes = (page: Page): Promise<Box[]> => boxes(page, '.react-flow__node [data-testid^="node-"][data-kind]');

/** Whether two boxes share more than a hairline. */
export function intersect(a: Box, b: Box, slack = 0.5): boolean {
  return a.x < b.right - slack && b.x < a.right - slack && a.y < b.bottom - slack && b.y < a.bottom - slack;
}

/** Every pair, one from `as` and one from `bs` (or two of `as`), that intersect, as readable lines. */
export function overlaps(as: readonly Box[], bs: readonly Box[] = as): string[] {
  const found: string[] = [];
  const round = (b: Box) => `(${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.right - b.x)}×${Math.round(b.bottom - b.y)})`;
  as.forEach((a, i) => {
    for (const b of as === bs ? bs.slice(i + 1) : bs) if (a !== b && intersect(a, b)) found.push(`${a.name} ${round(a)} overlaps ${b.name} ${round(b)}`);
  });
  return found;
}
