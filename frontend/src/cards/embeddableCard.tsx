/** Excalidraw's renderEmbeddable: Atelier's embeddables are drawn by the app; anything else gets no frame. */

import type { NonDeleted, ExcalidrawEmbeddableElement } from "@excalidraw/excalidraw/element/types";

import { atelierData } from "../board/atelierData";
import { useManifest } from "../board/manifests";
import { DeckCard } from "./DeckCard";
import { DeletedCard } from "./DeletedCard";
import { ProgressCard } from "./ProgressCard";
import { VideoCard } from "./VideoCard";
import { WidgetFrame } from "./WidgetFrame";

export function embeddableCard(element: NonDeleted<ExcalidrawEmbeddableElement>) {
  const data = atelierData(element);
  if (!data) return <div className="card card-blocked">Only Atelier's own pages can be embedded on this board.</div>;
  if (data.kind === "job") return <ProgressCard jobId={data.jobId} />;
  return <AnswerCard renderId={data.renderId} modality={data.modality} card={data.card} elementId={element.id} />;
}

function AnswerCard({ renderId, modality, card, elementId }: { renderId: string; modality: string; card?: string; elementId: string }) {
  const { gone } = useManifest(renderId);
  if (gone) return <DeletedCard renderId={renderId} modality={modality} />;
  switch (card) {
    case "deck":
      return <DeckCard renderId={renderId} modality={modality} />;
    case "video":
      return <VideoCard renderId={renderId} modality={modality} />;
    default:
      // A widget, or an answer saved with a card kind this version does not know: its embed page.
      return <WidgetFrame renderId={renderId} modality={modality} elementId={elementId} />;
  }
}
