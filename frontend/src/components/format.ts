/** Small wording helpers shared by the panel, cards and viewer. */

import type { ManifestFile } from "../api/types";

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const KIND: Record<string, string> = {
  pptx: "PowerPoint",
  pdf: "PDF",
  svg: "SVG",
  png: "PNG",
  excalidraw: "Excalidraw",
  html: "HTML page",
  mmd: "Mermaid",
  json: "JSON",
  mp4: "MP4 video",
  webm: "WebM video",
  gif: "GIF",
  vtt: "Captions (WebVTT)",
  webp: "WebP",
};

export const fileKind = (f: ManifestFile) => KIND[f.name.split(".").pop() ?? ""] ?? f.media_type;

export const downloadUrl = (f: ManifestFile) => `${f.url}${f.url.includes("?") ? "&" : "?"}download=true`;

/** A video's position or length: 75 → "1:15"; an unknown length reads "–:––". */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–:––";
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
