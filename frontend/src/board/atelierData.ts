/**
 * What Atelier keeps on an Excalidraw element (in its `customData`), so a saved scene alone says which elements
 * are answers, from which render, made from which request. Elements the user draws carry none of it.
 */

import type { CardKind } from "../api/types";

/** A finished answer; for whiteboards every native element of the answer carries it. */
export interface AnswerData {
  kind: "answer";
  renderId: string;
  modality: string;
  /** The board's id for the request this came from (see POST /boards/{id}/requests); null for unknown origin. */
  requestId: string | null;
  /**
   * How the answer is shown (board/cards.ts): native Excalidraw elements (`scene`), an image element (`picture`),
   * or a card the app draws in an embeddable (`deck`, `widget`, `video`). Boards saved before issue 14 say
   * `native` for `scene`; nothing reads the value of a scene's elements, so both stand.
   */
  card: CardKind | "native";
}

/** A job (a render still running, or failed) holding its answer's place; never saved, it lives as long as the page. */
export interface JobData {
  kind: "job";
  jobId: string;
}

export type AtelierData = AnswerData | JobData;

interface WithCustomData {
  customData?: Record<string, unknown> | null;
}

export function atelierData(el: WithCustomData | null | undefined): AtelierData | null {
  const data = el?.customData?.atelier as AtelierData | undefined;
  return data && (data.kind === "answer" || data.kind === "job") ? data : null;
}

export function answerData(el: WithCustomData | null | undefined): AnswerData | null {
  const data = atelierData(el);
  return data?.kind === "answer" ? data : null;
}

export function jobData(el: WithCustomData | null | undefined): JobData | null {
  const data = atelierData(el);
  return data?.kind === "job" ? data : null;
}

/** The link an answer card's embeddable carries: Atelier's embed page, which also works outside the canvas. */
export const embedPath = (renderId: string) => `/embed/${renderId}`;
export const JOB_LINK_PREFIX = "atelier:job/";

/** Which embeddable links the board shows: Atelier's own pages only, so nothing on it reaches another host. */
export function isAtelierEmbed(link: string): boolean {
  if (link.startsWith(JOB_LINK_PREFIX)) return true;
  try {
    const url = new URL(link, window.location.origin);
    return url.origin === window.location.origin && /^\/embed\/[a-z0-9]{16}$/.test(url.pathname);
  } catch {
    return false;
  }
}

/** Files drawn from a render are not stored with the board: their id says where to fetch them again. */
const RENDER_FILE = /^render:([a-z0-9]{16})\/([A-Za-z0-9._-]+)$/;
export const renderFileId = (renderId: string, name: string) => `render:${renderId}/${name}`;
export function parseRenderFileId(fileId: string): { renderId: string; name: string } | null {
  const m = RENDER_FILE.exec(fileId);
  return m ? { renderId: m[1], name: m[2] } : null;
}
