/**
 * What Atelier keeps on an Excalidraw element (in its `customData`), so a saved scene alone says which elements
 * are answers, from which render, made from which request. Elements the user draws carry none of it.
 */

import type { Modality } from "../api/types";

/** A finished answer; for whiteboards every native element of the answer carries it. */
export interface AnswerData {
  kind: "answer";
  renderId: string;
  modality: Modality;
  /** The board's id for the request this came from (see POST /boards/{id}/requests); null for unknown origin. */
  requestId: string | null;
  /** How the answer is shown: an embeddable card (deck, widget), a picture, or native elements. */
  card: "deck" | "widget" | "picture" | "native";
}

/** A render still running (or failed) at this spot; never saved, it lives as long as the page. */
export interface PendingData {
  kind: "pending";
  jobId: string;
}

export type AtelierData = AnswerData | PendingData;

interface WithCustomData {
  customData?: Record<string, unknown> | null;
}

export function atelierData(el: WithCustomData | null | undefined): AtelierData | null {
  const data = el?.customData?.atelier as AtelierData | undefined;
  return data && (data.kind === "answer" || data.kind === "pending") ? data : null;
}

export function answerData(el: WithCustomData | null | undefined): AnswerData | null {
  const data = atelierData(el);
  return data?.kind === "answer" ? data : null;
}

export function pendingData(el: WithCustomData | null | undefined): PendingData | null {
  const data = atelierData(el);
  return data?.kind === "pending" ? data : null;
}

/** The link an answer card's embeddable carries: Atelier's embed page, which also works outside the canvas. */
export const embedPath = (renderId: string) => `/embed/${renderId}`;
export const PENDING_LINK_PREFIX = "atelier:pending/";

/** Which embeddable links the board shows: Atelier's own pages only, so nothing on it reaches another host. */
export function isAtelierEmbed(link: string): boolean {
  if (link.startsWith(PENDING_LINK_PREFIX)) return true;
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
