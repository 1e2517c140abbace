/**
 * A widget, live on the board (and any answer the board has no other card for: its /embed page). Widgets are
 * written by a model, so they only ever run in a sandboxed frame of their /embed page: `allow-scripts` without `allow-same-origin` gives the frame an opaque origin, so it can
 * neither read the board nor call Atelier's API, and the page's own policy blocks every network request.
 * The page reports its height; the card grows or shrinks to fit it.
 */

import { useEffect, useRef } from "react";

import { embedPath } from "../board/atelierData";
import { useManifest } from "../board/manifests";
import { useCanvasActions } from "../components/actions";
import { useModalities } from "../components/modalities";
import { CardHeader } from "./CardHeader";

export function WidgetFrame({ renderId, modality, elementId }: { renderId: string; modality: string; elementId: string }) {
  const { manifest } = useManifest(renderId);
  const frame = useRef<HTMLIFrameElement>(null);
  const actions = useCanvasActions();
  const modalities = useModalities();

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow) return; // only this card's own frame
      const data = event.data as { type?: string; height?: unknown };
      if (data?.type === "atelier:resize" && typeof data.height === "number" && Number.isFinite(data.height)) {
        actions.resizeCard(elementId, data.height);
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [actions, elementId]);

  const title = manifest?.title ?? "";
  return (
    <div className="card card-widget" data-testid="widget-card" data-render-id={renderId}>
      <CardHeader modality={modality} title={title} />
      <iframe
        ref={frame}
        className="widget-frame"
        src={embedPath(renderId)}
        title={`${modalities.labels(modality).name}: ${title}`}
        sandbox="allow-scripts"
        referrerPolicy="no-referrer"
        loading="lazy"
      />
    </div>
  );
}
