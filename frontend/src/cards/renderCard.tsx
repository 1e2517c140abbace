/** Excalidraw's renderEmbeddable: Atelier's embeddables are drawn by the app; anything else gets no frame. */

import type { NonDeleted, ExcalidrawEmbeddableElement } from "@excalidraw/excalidraw/element/types";

import { atelierData } from "../board/atelierData";
import { DeckCard } from "./DeckCard";
import { ProgressCard } from "./ProgressCard";
import { WidgetFrame } from "./WidgetFrame";

export function renderCard(element: NonDeleted<ExcalidrawEmbeddableElement>) {
  const data = atelierData(element);
  if (!data) return <div className="card card-blocked">Only Atelier's own pages can be embedded on this board.</div>;
  if (data.kind === "pending") return <ProgressCard jobId={data.jobId} />;
  if (data.card === "deck") return <DeckCard renderId={data.renderId} />;
  if (data.card === "widget") return <WidgetFrame renderId={data.renderId} elementId={element.id} />;
  return null;
}
