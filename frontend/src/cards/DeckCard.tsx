/** A deck on the board: the current slide, a counter, flipping in place, and a button for the full viewer. */

import { useState } from "react";

import { previewPictures } from "../board/files";
import { useManifest } from "../board/manifests";
import { useCanvasActions } from "../components/actions";
import { CardHeader } from "./CardHeader";

export function DeckCard({ renderId, modality }: { renderId: string; modality: string }) {
  const { manifest, error } = useManifest(renderId);
  const actions = useCanvasActions();
  const [index, setIndex] = useState(0);
  if (!manifest) {
    return (
      <div className="card card-deck" data-testid="deck-card">
        <CardHeader modality={modality} title={error ? "Deck unavailable" : "Loading deck…"} />
        {error && <p className="card-error">{error}</p>}
      </div>
    );
  }
  const slides = previewPictures(manifest);
  const count = slides.length || Number(manifest.details?.slide_count ?? 0);
  const current = slides[Math.min(index, slides.length - 1)];
  return (
    <div className="card card-deck" data-testid="deck-card" data-render-id={renderId}>
      <CardHeader modality={manifest.modality} title={manifest.title} />
      <div className="deck-slide">
        {current ? (
          <img src={current.url} alt={`Slide ${index + 1} of ${count}: ${manifest.title}`} draggable={false} />
        ) : (
          <p className="card-body-text">This deck has no slide previews; download it below.</p>
        )}
      </div>
      <div className="card-footer">
        <button type="button" className="icon" aria-label="Previous slide" disabled={index === 0} onClick={() => setIndex(index - 1)}>‹</button>
        <span className="slide-counter" data-testid="slide-counter">{count ? `${index + 1} / ${count}` : "no slides"}</span>
        <button type="button" className="icon" aria-label="Next slide" disabled={index >= count - 1} onClick={() => setIndex(index + 1)}>›</button>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={() => actions.openDeck(renderId, index)}>Open slides</button>
      </div>
    </div>
  );
}
