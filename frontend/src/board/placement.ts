/**
 * Where a new answer goes: the free spot nearest to where the user is looking (or to a given anchor, such as the
 * answer a "try as" came from), so answers never land on top of each other or of the user's drawings.
 */

import { center, contains, intersects, type Rect } from "./geometry";

const GAP = 48; // clear space kept around every answer, in scene units
const STEP = 40;
const MAX_RINGS = 120;

/**
 * The top-left corner for a `width` × `height` box: the free position closest to `anchor` (the centre of the
 * view by default), preferring positions fully inside the view.
 */
export function findFreeSpot(
  size: { width: number; height: number },
  obstacles: readonly Rect[],
  view: Rect,
  anchor: { x: number; y: number } = center(view),
): { x: number; y: number } {
  const start = { x: anchor.x - size.width / 2, y: anchor.y - size.height / 2 };
  const fits = (x: number, y: number) => {
    const box = { x, y, width: size.width, height: size.height };
    return !obstacles.some((o) => intersects(box, o, GAP));
  };
  if (fits(start.x, start.y)) return snap(start);
  let bestOutside: { x: number; y: number } | null = null;
  // Walk square rings outwards; within a ring the nearest free spot wins, and a spot inside the view beats one
  // outside it however close, so the user sees the answer arrive.
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [[i, -ring], [i, ring], [-ring, i], [ring, i]] as const) {
        const x = start.x + dx * STEP, y = start.y + dy * STEP;
        if (!fits(x, y)) continue;
        const d = Math.hypot(dx, dy);
        const inside = contains(view, { x, y, width: size.width, height: size.height });
        if (inside && (!best || d < best.d)) best = { x, y, d };
        if (!inside && !bestOutside) bestOutside = { x, y };
      }
    }
    if (best) return snap(best);
    // Past a ring well beyond the view nothing inside it can be free; take the nearest outside spot.
    if (bestOutside && ring * STEP > Math.max(view.width, view.height)) return snap(bestOutside);
  }
  return snap(bestOutside ?? start);
}

const snap = (p: { x: number; y: number }) => ({ x: Math.round(p.x / 4) * 4, y: Math.round(p.y / 4) * 4 });
