/**
 * A whiteboard render's scene (board.excalidraw) as native elements of this board: every id is made unique to
 * the render (the renderer numbers its elements from 1 for each board, so two whiteboards would collide), every
 * reference to an id follows (bound text, arrow bindings, frames), everything moves to the chosen spot, and the
 * whole answer becomes one group, so it moves as one and double-click edits inside it.
 */

import type { AnswerData } from "./atelierData";
import { boundsOf, type Rect } from "./geometry";

type RawElement = Record<string, unknown> & { id: string; type: string; x: number; y: number; width: number; height: number };

export interface ExcalidrawScene {
  elements: RawElement[];
  files?: Record<string, { id: string; dataURL: string; mimeType: string; created?: number }>;
}

export function sceneBounds(scene: ExcalidrawScene): Rect {
  const live = scene.elements.filter((e) => !e.isDeleted);
  return boundsOf(live) ?? { x: 0, y: 0, width: 200, height: 120 };
}

export function importWhiteboard(
  scene: ExcalidrawScene,
  at: { x: number; y: number },
  data: AnswerData,
): RawElement[] {
  const prefix = `${data.renderId}-`;
  const rename = (id: unknown) => (typeof id === "string" ? prefix + id : id);
  const live = scene.elements.filter((e) => !e.isDeleted);
  const bounds = sceneBounds(scene);
  const dx = at.x - bounds.x, dy = at.y - bounds.y;
  const group = `atelier-${data.renderId}`;
  return live.map((el) => {
    const out: RawElement = {
      ...el,
      id: prefix + el.id,
      x: el.x + dx,
      y: el.y + dy,
      groupIds: [...((el.groupIds as string[] | undefined) ?? []).map((g) => prefix + g), group],
      customData: { ...(el.customData ?? {}), atelier: data },
      index: null, // fractional order is recomputed by Excalidraw for the board it joins
    };
    if (el.containerId) out.containerId = rename(el.containerId);
    if (el.frameId) out.frameId = rename(el.frameId);
    if (Array.isArray(el.boundElements)) {
      out.boundElements = (el.boundElements as { id: string; type: string }[]).map((b) => ({ ...b, id: prefix + b.id }));
    }
    for (const end of ["startBinding", "endBinding"] as const) {
      const binding = el[end] as { elementId?: string } | null | undefined;
      if (binding?.elementId) out[end] = { ...binding, elementId: prefix + binding.elementId };
    }
    return out;
  });
}
