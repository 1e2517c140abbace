import { describe, expect, it } from "vitest";

import { chooseCard } from "../src/board/cards";
import { captionsFile, downloadFiles, pictureFile, posterFile, previewPictures, videoFiles } from "../src/board/files";
import { manifest, modalities } from "./helpers";

const m = modalities();
const card = (modality: string, files: Parameters<typeof manifest>[1]) => chooseCard(manifest(modality, files), m.info(modality));

describe("the card an answer is shown on", () => {
  it("is the one /config names when the render has what it shows", () => {
    expect(card("slides", [["deck.pptx", "primary"], ["slide-01.png", "preview"]])).toBe("deck");
    expect(card("whiteboard", [["board.excalidraw", "primary"], ["board.png", "preview"]])).toBe("scene");
    expect(card("infographic", [["infographic.svg", "primary"], ["infographic.png", "export"]])).toBe("picture");
    expect(card("widget", [["widget.html", "primary"]])).toBe("widget");
    expect(card("animation", [["animation.mp4", "primary"], ["poster.png", "preview"]])).toBe("video");
  });

  it("falls back to a picture of the render when the named card cannot show it", () => {
    expect(card("whiteboard", [["board.svg", "export"], ["board.png", "preview"]])).toBe("picture");
    expect(card("animation", [["poster.png", "preview"], ["animation.gif", "export"]])).toBe("picture");
  });

  it("shows a modality of an unknown card kind as a picture, else as its embed page", () => {
    expect(card("star-map", [["map.png", "primary"]])).toBe("picture");
    expect(card("star-map", [["map.json", "primary"]])).toBe("widget");
    expect(card("not-listed", [["thing.webp", "primary"]])).toBe("picture");
    expect(card("not-listed", [["thing.bin", "primary"]])).toBe("widget");
  });
});

describe("which file plays which part", () => {
  it("orders a deck's previews by number, not by spelling", () => {
    const deck = manifest("slides", [["slide-10.png", "preview"], ["slide-2.png", "preview"], ["slide-1.png", "preview"], ["deck.pptx", "primary"]]);
    expect(previewPictures(deck).map((f) => f.name)).toEqual(["slide-1.png", "slide-2.png", "slide-10.png"]);
  });

  it("gives a video its poster, its sources with the primary first, and its captions", () => {
    const video = manifest("animation", [
      ["animation.webm", "export"],
      ["animation.mp4", "primary"],
      ["contact-sheet.png", "preview"],
      ["animation.gif", "export"],
      ["animation.vtt", "export"],
    ]);
    expect(videoFiles(video).map((f) => f.name)).toEqual(["animation.mp4", "animation.webm"]);
    expect(posterFile(video)?.name).toBe("contact-sheet.png");
    expect(captionsFile(video)?.name).toBe("animation.vtt");
    expect(captionsFile(manifest("animation", [["animation.mp4", "primary"]]))).toBeUndefined();
  });

  it("takes the primary picture first, then a preview, then an export", () => {
    expect(pictureFile(manifest("image", [["image.webp", "export"], ["image.png", "primary"]]))?.name).toBe("image.png");
    expect(pictureFile(manifest("x", [["a.png", "export"], ["b.png", "preview"], ["c.svg", "primary"]]))?.name).toBe("b.png");
    expect(pictureFile(manifest("x", [["c.svg", "primary"]]))).toBeUndefined();
  });

  it("counts a deck's page previews instead of listing them for download", () => {
    const deck = manifest("slides", [["deck.pptx", "primary"], ["slide-1.png", "preview"], ["slide-2.png", "preview"], ["deck.pdf", "export"]]);
    const { files, pages } = downloadFiles(deck, true);
    expect(files.map((f) => f.name)).toEqual(["deck.pptx", "deck.pdf"]);
    expect(pages).toBe(2);
    expect(downloadFiles(deck, false).files).toHaveLength(4);
  });
});
