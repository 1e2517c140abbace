/**
 * The shapes the server answers with, as aliases of the types generated from its OpenAPI document (schema.ts,
 * made by `npm run gen:api`; never edit it by hand). Where the document is looser than what the app relies on
 * (a board's scene is any JSON object to the server), the alias narrows it here, in one place.
 */

import type { components, operations } from "./schema";

type Schemas = components["schemas"];

export type Manifest = Schemas["Manifest"];
export type ManifestFile = Schemas["FileInfo"];
export type RenderWarning = Schemas["RenderWarning"];
/** The document lists the modalities this server had when schema.ts was made; the app takes whatever /config lists
 * now (plugins included), so a request's modality is any name. */
export type RenderRequest = Omit<Schemas["RenderRequest"], "modality"> & { modality?: string | null };
export type ServerConfig = Schemas["Config"];
export type BoardSummary = Schemas["BoardSummary"];
export type AnswerRef = Schemas["AnswerRef"];
/** A request kept with a board, so "try as" can send it again with another modality. */
export type SavedRequest = Schemas["SavedRequest"];
/** What POST /boards/{id}/requests answers: the kept request's id. */
export type KeptRequest = operations["add_request_boards__board_id__requests_post"]["responses"][200]["content"]["application/json"];
export type SavedScene = Schemas["Scene"];
/** A board as GET /boards/{id} answers: its scene is what PUT saved (the server checks only its outline). */
export type Board = Omit<Schemas["Board"], "scene"> & { scene: SavedScene };

/** A render file's part in the answer (FileInfo.role). */
export type FileRole = "primary" | "export" | "preview" | "source";

/** How the canvas shows an answer of a modality (`card` in /config): see board/cards.ts. */
export type CardKind = "scene" | "picture" | "deck" | "widget" | "video";

/** A modality's names in one language (`labels[lang]` in /config). */
export interface ModalityLabels {
  /** A menu entry or card badge: "Slides". */
  name: string;
  /** In a sentence: "a slide deck". */
  noun: string;
  /** What one answer is called: "deck". */
  what: string;
}

/**
 * One modality as the canvas reads it from GET /config (`modalities`, in routing order). These are the fields the
 * app relies on; `card` and the labels' languages are open sets, so a modality the app has never heard of still
 * gets a card and a name (board/modalities.ts fills what is missing).
 */
export interface ModalityInfo {
  name: string;
  labels: Partial<Record<string, ModalityLabels>>;
  /** One of CardKind for the modalities the app knows how to show; anything else falls back (board/cards.ts). */
  card: string;
  viewer?: string;
  /** The progress events a render sends, in order: `render` events' `step` and `file` events' `name`. */
  steps: readonly string[];
  formats?: readonly string[];
}

/**
 * Holds while the generated Config's entries carry at least the fields above: when the server's model changes and
 * `npm run gen:api` regenerates schema.ts, a field the app reads that the server no longer sends fails `tsc` here
 * instead of failing quietly in a browser.
 */
type ServerModality = ServerConfig["modalities"][number];
type Holds<T extends true> = T;
export type ServerModalityConforms = Holds<ServerModality extends ModalityInfo ? true : false>;
