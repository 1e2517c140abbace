/**
 * Pictures from renders are not stored inside the board (their files are in the render store already). Whenever
 * the scene shows an image whose file is missing (after a load, or an undo that brings one back), the file is
 * fetched again from its render, by the id its image element keeps.
 */

import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { BinaryFiles, ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";

import { parseRenderFileId } from "./atelierData";
import { loadRenderFile } from "./answers";

const requested = new Set<string>();

/** Fetches the missing render pictures among `elements`; `onFailure` hears about any that cannot be loaded. */
export function hydrateRenderFiles(
  api: ExcalidrawImperativeAPI,
  elements: readonly ExcalidrawElement[],
  files: BinaryFiles,
  onFailure: (message: string) => void,
): void {
  for (const el of elements) {
    if (el.type !== "image" || el.isDeleted || !el.fileId || files[el.fileId] || requested.has(el.fileId)) continue;
    const source = parseRenderFileId(el.fileId);
    if (!source) continue;
    const fileId = el.fileId;
    requested.add(fileId);
    loadRenderFile(source.renderId, source.name, `/render/${source.renderId}/${source.name}`)
      .then(({ naturalWidth: _w, naturalHeight: _h, ...file }) => api.addFiles([file]))
      .catch((err: Error) => {
        requested.delete(fileId);
        onFailure(`${source.name} of render ${source.renderId} could not be loaded: ${err.message}`);
      });
  }
}
