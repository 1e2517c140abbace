/**
 * Elements for an answer on the board, one recipe per card kind (board/cards.ts chooses it):
 *  - `scene`: native Excalidraw elements (editable in place),
 *  - `picture`: an image element (the picture the renderer drew),
 *  - `deck`, `widget`, `video`: embeddable cards that the app draws itself (see cards/).
 * Also the card that holds a job's place while its render runs.
 */

import { restoreElements } from "@excalidraw/excalidraw";
import type { BinaryFileData } from "@excalidraw/excalidraw/types";

import type { CardKind, Manifest } from "../api/types";
import { type AnswerData, embedPath, JOB_LINK_PREFIX, renderFileId } from "./atelierData";
import { chooseCard } from "./cards";
import { pictureFile, posterFile, previewPictures, sceneFile } from "./files";
import type { Modalities } from "./modalities";
import { importWhiteboard, sceneBounds, type ExcalidrawScene } from "./whiteboard";

type NewElement = Record<string, unknown>;
export type ExcalidrawElements = ReturnType<typeof restoreElements>;

/** Sizes on the board, in scene units. Cards keep a header and footer around their content. */
export const CARD_HEADER = 40;
const CARD_FOOTER = 44;
const CARD_WIDTH = 560; // decks, videos and pictures
/** Excalidraw's 1px padding around an embeddable and the card's own 1px border, on both sides: a deck's slide or a
 * video fills the card's width exactly when the card is this much taller than the picture's height at that width. */
const CARD_INSET = 4;
const WIDGET_WIDTH = 600;
export const JOB_CARD_SIZE = { width: 420, height: 180 };

const seed = () => Math.floor(Math.random() * 2 ** 31);

function card(data: AnswerData | { kind: "job"; jobId: string }, link: string, x: number, y: number, width: number, height: number): NewElement {
  return {
    type: "embeddable",
    id: data.kind === "job" ? `job-${data.jobId}` : `answer-${data.renderId}`,
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

export function jobCard(jobId: string, at: { x: number; y: number }, size = JOB_CARD_SIZE): ExcalidrawElements {
  return restoreElements([card({ kind: "job", jobId }, JOB_LINK_PREFIX + jobId, at.x, at.y, size.width, size.height)] as never, null);
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
    reader.onload = () => resolve(reader.result as string); // a data: URL, as readAsDataURL promises
    reader.onerror = () => reject(reader.error ?? new Error("the picture could not be read"));
    reader.readAsDataURL(blob);
  });

/** A render's file as Excalidraw image data, under an id that says where it came from (it is not saved twice). */
export async function loadRenderFile(renderId: string, name: string, url: string): Promise<BinaryFileData & { naturalWidth: number; naturalHeight: number }> {
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

/** Height over width of a picture, from its pixels; `fallback` when there is none or it cannot be read. */
async function aspectOf(url: string | undefined, fallback: number): Promise<number> {
  if (!url) return fallback;
  const probe = await createImageBitmap(await (await fetchOk(url)).blob());
  const ratio = probe.height / probe.width;
  probe.close();
  return Number.isFinite(ratio) && ratio > 0 ? ratio : fallback;
}

/** An embeddable card of `width`, its height given; the app draws it (cards/embeddableCard.tsx). */
function cardAnswer(m: Manifest, data: AnswerData, width: number, height: number): PreparedAnswer {
  return {
    width,
    height,
    build: (at) => ({ elements: restoreElements([card(data, embedPath(m.id), at.x, at.y, width, height)] as never, null), files: [] }),
  };
}

const RECIPES: Record<CardKind, (m: Manifest, data: AnswerData) => Promise<PreparedAnswer>> = {
  async scene(m, data) {
    const file = sceneFile(m)!; // chooseCard picks `scene` only for a render that has one
    const scene = (await (await fetchOk(file.url)).json()) as ExcalidrawScene;
    const b = sceneBounds(scene);
    return {
      width: b.width,
      height: b.height,
      build: (at) => ({
        // refreshDimensions: Excalidraw re-measures and re-wraps each label in its own hand-drawn font.
        elements: restoreElements(importWhiteboard(scene, at, data) as never, null, { repairBindings: true, refreshDimensions: true }),
        files: [],
      }),
    };
  },
  async picture(m, data) {
    const file = pictureFile(m)!; // chooseCard picks `picture` only for a render that has one
    const image = await loadRenderFile(m.id, file.name, file.url);
    const width = CARD_WIDTH;
    const height = Math.round((width * image.naturalHeight) / image.naturalWidth);
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
  },
  async deck(m, data) {
    const ratio = await aspectOf(previewPictures(m)[0]?.url, 9 / 16);
    return cardAnswer(m, data, CARD_WIDTH, Math.round((CARD_WIDTH - CARD_INSET) * ratio) + CARD_INSET + CARD_HEADER + CARD_FOOTER);
  },
  async video(m, data) {
    const ratio = await aspectOf(posterFile(m)?.url, 9 / 16);
    return cardAnswer(m, data, CARD_WIDTH, Math.round((CARD_WIDTH - CARD_INSET) * ratio) + CARD_INSET + CARD_HEADER + CARD_FOOTER);
  },
  widget: (m, data) =>
    // A first guess from the embed's natural size; the page then reports its real height (WidgetFrame).
    Promise.resolve(cardAnswer(m, data, WIDGET_WIDTH, CARD_HEADER + Math.min(900, Math.max(200, m.embed?.height ?? 400)))),
};

export function prepareAnswer(m: Manifest, requestId: string | null, modalities: Modalities): Promise<PreparedAnswer> {
  const card = chooseCard(m, modalities.info(m.modality));
  return RECIPES[card](m, { kind: "answer", renderId: m.id, modality: m.modality, requestId, card });
}
