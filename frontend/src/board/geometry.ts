/** Rectangles in scene coordinates, and the part of the scene the user is looking at. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ViewState {
  scrollX: number;
  scrollY: number;
  zoom: { value: number };
  width: number;
  height: number;
}

/** The visible part of the scene (Excalidraw keeps scroll in scene units and zoom as a factor). */
export function visibleScene(view: ViewState): Rect {
  const z = view.zoom.value;
  return { x: -view.scrollX, y: -view.scrollY, width: view.width / z, height: view.height / z };
}

export function intersects(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export const center = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** The box around elements; linear elements (arrows, lines) span their points. */
export function boundsOf(
  elements: readonly { x: number; y: number; width: number; height: number; points?: readonly (readonly [number, number])[] }[],
): Rect | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const e of elements) {
    if (e.points && e.points.length) {
      for (const [px, py] of e.points) {
        minX = Math.min(minX, e.x + px); maxX = Math.max(maxX, e.x + px);
        minY = Math.min(minY, e.y + py); maxY = Math.max(maxY, e.y + py);
      }
    } else {
      minX = Math.min(minX, e.x); maxX = Math.max(maxX, e.x + e.width);
      minY = Math.min(minY, e.y); maxY = Math.max(maxY, e.y + e.height);
    }
  }
  return Number.isFinite(minX) ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY } : null;
}
