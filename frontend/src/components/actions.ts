/** What cards and panels inside the board can ask the canvas to do (provided by Canvas, read with useCanvasActions). */

import { createContext, useContext } from "react";

export interface CanvasActions {
  openDeck(renderId: string, slide?: number): void;
  tryAs(renderId: string, modality: string): void;
  retryJob(jobId: string): void;
  removeJob(jobId: string): void;
  /** A widget asked for more (or less) room; `height` is its content's, in CSS pixels. */
  resizeCard(elementId: string, contentHeight: number): void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext);
  if (!actions) throw new Error("useCanvasActions outside the canvas");
  return actions;
}
