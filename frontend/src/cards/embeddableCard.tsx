/** Excalidraw's renderEmbeddable: Atelier's embeddables are drawn by the app; anything else gets no frame. */

import type { NonDeleted, ExcalidrawEmbeddableElement } from "@excalidraw/excalidraw/element/types";

import { atelierData } from "../board/atelierData";
import { DeckCard } from "./DeckCard";
import { ProgressCard } from "./ProgressCard";
import { VideoCard } from "./VideoCard";
import { WidgetFrame } from "./WidgetFrame";

export function embeddableCard(element: NonDeleted<ExcalidrawEmbeddableElement>) {
  const data = atelierData(element);
  if (!data) return <div className="card card-blocked">Only Atelier's own pages can be embedded on this board.</div>;
  if (data.kind === "job") return <ProgressCard jobId={data.jobId} />;
  switch (data.card) {
    case "deck":
      return <DeckCard renderId={data.renderId} modality={data.modality} />;
    case "video":
      return <VideoCard renderId={data.renderId} modality={data.modality} />;
    default:
      // A widget, or an answer saved with a card kind this version does not know: its embed page.
      return <WidgetFrame renderId={data.renderId} modality={data.modality} elementId={element.id} />;
  }
}
