/** A deck, slide by slide, over the board: previous/next buttons, arrow keys, Home/End, Escape to close. */

import { useEffect, useRef, useState } from "react";

import { previewPictures } from "../board/files";
import { useManifest } from "../board/manifests";
import { downloadUrl, fileKind } from "./format";

export function DeckViewer({ renderId, start, onClose }: { renderId: string; start: number; onClose: () => void }) {
  const { manifest } = useManifest(renderId);
  const [index, setIndex] = useState(start);
  const dialog = useRef<HTMLDivElement>(null);
  const slides = manifest ? previewPictures(manifest) : [];
  const count = slides.length;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => before?.focus?.();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const keys: Record<string, () => void> = {
        ArrowRight: () => setIndex((i) => Math.min(count - 1, i + 1)),
        ArrowDown: () => setIndex((i) => Math.min(count - 1, i + 1)),
        PageDown: () => setIndex((i) => Math.min(count - 1, i + 1)),
        " ": () => setIndex((i) => Math.min(count - 1, i + 1)),
        ArrowLeft: () => setIndex((i) => Math.max(0, i - 1)),
        ArrowUp: () => setIndex((i) => Math.max(0, i - 1)),
        PageUp: () => setIndex((i) => Math.max(0, i - 1)),
        Home: () => setIndex(0),
        End: () => setIndex(count - 1),
        Escape: onClose,
      };
      const act = keys[e.key];
      if (!act || (e.target as HTMLElement)?.tagName === "A") return;
      e.preventDefault();
      e.stopPropagation(); // the board must not also act on these keys
      act();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [count, onClose]);

  const current = slides[index];
  const exports = manifest?.files.filter((f) => f.role === "primary" || f.role === "export") ?? [];
  return (
    <div className="viewer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="viewer" role="dialog" aria-modal="true" aria-label={`Slides: ${manifest?.title ?? ""}`} tabIndex={-1} data-testid="deck-viewer">
        <header className="viewer-header">
          <h2>{manifest?.title ?? "Loading…"}</h2>
          <span className="slide-counter" data-testid="viewer-counter" aria-live="polite">
            {count ? `Slide ${index + 1} of ${count}` : ""}
          </span>
          <span className="spacer" />
          {exports.map((f) => (
            <a key={f.name} className="button" href={downloadUrl(f)} download={f.name}>
              Download {fileKind(f)}
            </a>
          ))}
          <button type="button" className="icon" aria-label="Close slides" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="viewer-stage">
          <button type="button" className="viewer-nav" aria-label="Previous slide" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            ‹
          </button>
          {current && <img className="viewer-slide" src={current.url} alt={`Slide ${index + 1} of ${count}`} />}
          <button type="button" className="viewer-nav" aria-label="Next slide" disabled={index >= count - 1} onClick={() => setIndex(index + 1)}>
            ›
          </button>
        </div>
        <nav className="viewer-thumbs" aria-label="All slides">
          {slides.map((s, i) => (
            <button type="button" key={s.name} className="thumb" aria-label={`Slide ${i + 1}`} aria-current={i === index} onClick={() => setIndex(i)}>
              <img src={s.url} alt="" loading="lazy" />
            </button>
          ))}
        </nav>
      </div>
    </div>
  );
}
