/** Shared pieces of the unit tests: the /config fixture as the app reads it, and manifests made of file lists. */

import type { FileRole, Manifest, ModalityInfo, ServerConfig } from "../src/api/types";
import { Modalities } from "../src/board/modalities";
import fixture from "./config.fixture.json";

/** The fixture's entries have the shape the app reads (checked by tsc). */
export const FIXTURE_MODALITIES: readonly ModalityInfo[] = fixture.modalities;

export const CONFIG = fixture as unknown as ServerConfig;

export const modalities = (language: "en" | "zh" = "en") => Modalities.fromConfig(CONFIG, language);

const MEDIA: Record<string, string> = {
  png: "image/png",
  svg: "image/svg+xml",
  webp: "image/webp",
  gif: "image/gif",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pdf: "application/pdf",
  excalidraw: "application/vnd.excalidraw+json",
  mmd: "text/vnd.mermaid",
  html: "text/html",
  mp4: "video/mp4",
  webm: "video/webm",
  vtt: "text/vtt",
  json: "application/json",
};

/** A manifest of `modality` with these files, each `[name, role]`; media types follow the extension. */
export function manifest(modality: string, files: [string, FileRole][]): Manifest {
  const id = "0123456789abcdef";
  return {
    id,
    created: "2026-12-01T00:00:00Z",
    modality,
    title: "A test render",
    theme: "light",
    schema_version: "1",
    planner: { name: "offline", rationale: "", alternatives: [] },
    files: files.map(([name, role]) => ({
      name,
      role,
      media_type: MEDIA[name.split(".").pop() ?? ""] ?? "application/octet-stream",
      bytes: 100,
      url: `/render/${id}/${name}`,
    })),
    warnings: [],
    timings_ms: { plan: 1, render: 1, total: 2 },
  };
}
