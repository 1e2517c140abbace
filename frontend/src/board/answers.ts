/**
 * Elements for an answer on the board, one recipe per way of showing it:
 *  - whiteboards become native Excalidraw elements (editable in place),
 *  - images and infographics become image elements (the PNG the renderer drew),
 *  - decks and widgets become embeddable cards that the app draws itself (see cards/).
 * Also the card that holds a render's place while it runs.
 */

import { restoreElements } from "@excalidraw/excalidraw";
import type { BinaryFileData } from "@excalidraw/excalidraw/types";

import type { Manifest } from "../api/types";
import { type AnswerData, embedPath, PENDING_LINK_PREFIX, renderFileId } from "./atelierData";
import { slidePreviews } from "./manifests";
import { importWhiteboard, sceneBounds, type ExcalidrawScene } from "./whiteboard";

export type NewElement = Record<string, unknown>;
export type ExcalidrawElements = ReturnType<typeof restoreElements>;

/** Sizes on the board, in scene units. Cards keep a header and footer around their content. */
export const CARD_HEADER = 40;
export const CARD_FOOTER = 44;
export const DECK_WIDTH = 560;
export const WIDGET_WIDTH = 600;
export const PENDING_SIZE = { width: 420, height: 180 };
const PICTURE_WIDTH: Record<string, number> = { image: 512, infographic: 560 };

const seed = () => Math.floor(Math.random() * 2 ** 31);

function card(data: AnswerData | { kind: "pending"; jobId: string }, link: string, x: number, y: number, width: number, height: number): NewElement {
  return {
    type: "embeddable",
    id: data.kind === "pending" ? `pending-${data.jobId}` : `answer-${data.renderId}`,
    x, y, width, height,
    link,
    strokeColor: "transparent",
    backgroundColor: "transparent",
    strokeWidth: 1, // Excalidraw pads an embeddable by its stroke width (0 would read as "unset": 2)
    roughness: 0,
    roundness: null, // the card rounds its own corners; Excalidraw's adaptive radius would clip its edges
    seed: seed(),
    customData: { atelier: data },
  };
}

export function pendingCard(jobId: string, at: { x: number; y: number }, size = PENDING_SIZE): ExcalidrawElements {
  return restoreElements([card({ kind: "pending", jobId }, PENDING_LINK_PREFIX + jobId, at.x, at.y, size.width, size.height)] as never, null);
}

/** What an answer will measure, to find room for it before fetching everything it needs. */
export interface PreparedAnswer {
  width: number;
  height: number;
  /** The answer's elements with their top-left corner at `at`, and the files they show. */
  build: (at: { x: number; y: number }) => { elements: ExcalidrawElements; files: BinaryFileData[] };
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url} (${res.status})`);
  return res;
}

const asDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** A render's file as Excalidraw image data, under an id that says where it came from (it is not saved twice). */
export async function renderFile(renderId: string, name: string, url: string): Promise<BinaryFileData & { naturalWidth: number; naturalHeight: number }> {
  const blob = await (await fetchOk(url)).blob();
  const bitmap = await createImageBitmap(blob);
  const size = { naturalWidth: bitmap.width, naturalHeight: bitmap.height };
  bitmap.close();
  return {
    id: renderFileId(renderId, name) as BinaryFileData["id"],
    dataURL: (await asDataUrl(blob)) as BinaryFileData["dataURL"],
    mimeType: blob.type as BinaryFileData["mimeType"],
    created: Date.now(),
    ...size,
  };
}

export async function prepareAnswer(m: Manifest, requestId: string | null): Promise<PreparedAnswer> {
  const base = { kind: "answer" as const, renderId: m.id, modality: m.modality, requestId };
  switch (m.modality) {
    case "whiteboard": {
      const file = m.files.find((f) => f.name.endsWith(".excalidraw"));
      if (!file) throw new Error("the whiteboard render has no .excalidraw scene");
      const scene = (await (await fetchOk(file.url)).json()) as ExcalidrawScene;
      const b = sceneBounds(scene);
      const data: AnswerData = { ...base, card: "native" };
      return {
        width: b.width,
        height: b.height,
        build: (at) => ({
          // refreshDimensions: Excalidraw re-measures and re-wraps each label in its own hand-drawn font.
          elements: restoreElements(importWhiteboard(scene, at, data) as never, null, { repairBindings: true, refreshDimensions: true }),
          files: [],
        }),
      };
    }
    case "image":
    case "infographic": {
      const file = m.files.find((f) => f.name.endsWith(".png"));
      if (!file) throw new Error(`the ${m.modality} render has no PNG`);
      const image = await renderFile(m.id, file.name, file.url);
      const width = PICTURE_WIDTH[m.modality];
      const height = Math.round((width * image.naturalHeight) / image.naturalWidth);
      const data: AnswerData = { ...base, card: "picture" };
      return {
        width,
        height,
        build: (at) => ({
          elements: restoreElements(
            [{ type: "image", id: `answer-${m.id}`, x: at.x, y: at.y, width, height, fileId: image.id, status: "saved",
               scale: [1, 1], strokeColor: "transparent", backgroundColor: "transparent", seed: seed(),
               customData: { atelier: data } }] as never,
            null,
          ),
          files: [image],
        }),
      };
    }
    case "slides": {
      const first = slidePreviews(m)[0];
      let ratio = 9 / 16;
      if (first) {
        const probe = await createImageBitmap(await (await fetchOk(first.url)).blob());
        ratio = probe.height / probe.width;
        probe.close();
      }
      const height = Math.round(DECK_WIDTH * ratio) + CARD_HEADER + CARD_FOOTER;
      const data: AnswerData = { ...base, card: "deck" };
      return {
        width: DECK_WIDTH,
        height,
        build: (at) => ({ elements: restoreElements([card(data, embedPath(m.id), at.x, at.y, DECK_WIDTH, height)] as never, null), files: [] }),
      };
    }
    case "widget": {
      const data: AnswerData = { ...base, card: "widget" };
      // A first guess from the embed's natural size; the widget then reports its real height (WidgetFrame).
      const width = WIDGET_WIDTH;
      const height = CARD_HEADER + Math.min(900, Math.max(200, m.embed?.height ?? 400));
      return {
        width,
        height,
        build: (at) => ({ elements: restoreElements([card(data, embedPath(m.id), at.x, at.y, width, height)] as never, null), files: [] }),
      };
    }
  }
  throw new Error(`the canvas cannot show a ${String((m as Manifest).modality)} yet`);
}
