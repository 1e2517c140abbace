/**
 * Which of a render's files plays which part on the board, read from the manifest's roles and media types rather
 * than from file names, so a modality the app has never heard of is read the same way.
 */

import type { FileRole, Manifest, ManifestFile } from "../api/types";

/** Pictures Excalidraw can show as an image element (SVG aside: a render's SVG may be large and is not needed). */
const RASTER = new Set(["image/png", "image/jpeg", "image/webp"]);

const byName = (a: ManifestFile, b: ManifestFile) => a.name.localeCompare(b.name, "en", { numeric: true });
const withRole = (m: Manifest, role: FileRole) => m.files.filter((f) => f.role === role);

const isRaster = (f: ManifestFile) => RASTER.has(f.media_type);
const isVideo = (f: ManifestFile) => f.media_type.startsWith("video/");

/** The Excalidraw scene of a render, when it has one (a whiteboard's board.excalidraw). */
export const sceneFile = (m: Manifest) => m.files.find((f) => f.media_type === "application/vnd.excalidraw+json");

/** The picture that stands for the whole render: its primary file if that is a picture, else its first preview
 * picture, else a picture among its exports. */
export function pictureFile(m: Manifest): ManifestFile | undefined {
  for (const role of ["primary", "preview", "export"] as const) {
    const found = withRole(m, role).find(isRaster);
    if (found) return found;
  }
  return undefined;
}

/** The render's preview pictures in order (a deck's slides: slide-01.png, slide-02.png, ...). */
export const previewPictures = (m: Manifest) => withRole(m, "preview").filter((f) => f.media_type.startsWith("image/")).sort(byName);

/** What a video shows before it plays: the render's first preview picture, in the manifest's order (the renderer
 * lists its poster first; a contact sheet of key frames may follow). */
export const posterFile = (m: Manifest) => withRole(m, "preview").find((f) => f.media_type.startsWith("image/"));

/** The render's videos, the primary first (the browser plays the first it can decode: MP4, else WebM). */
export function videoFiles(m: Manifest): ManifestFile[] {
  const videos = m.files.filter(isVideo);
  return [...videos.filter((f) => f.role === "primary"), ...videos.filter((f) => f.role !== "primary")];
}

/** WebVTT captions, when the render has them (an animation's narration). */
export const captionsFile = (m: Manifest) => m.files.find((f) => f.media_type === "text/vtt");

/** The files a person downloads; a deck's page previews are counted rather than listed (`pages`). */
export function downloadFiles(m: Manifest, pages: boolean): { files: ManifestFile[]; pages: number } {
  if (!pages) return { files: m.files, pages: 0 };
  const previews = new Set(previewPictures(m));
  return { files: m.files.filter((f) => !previews.has(f)), pages: previews.size };
}
