import { describe, expect, it } from "vitest";

import { labelLanguage, labelsFromName, Modalities, readModalities, TONES } from "../src/board/modalities";
import { CONFIG, FIXTURE_MODALITIES, modalities } from "./helpers";

describe("modalities from /config", () => {
  it("keeps the server's routing order and names", () => {
    expect(modalities().names).toEqual(FIXTURE_MODALITIES.map((m) => m.name));
  });

  it("labels in the reader's language, English when a language is missing", () => {
    const zh = modalities("zh");
    expect(zh.labels("slides").name).toBe("簡報");
    expect(modalities("en").labels("slides").noun).toBe("a slide deck");
    // star-map has English labels only
    expect(zh.labels("star-map").name).toBe("Star map");
  });

  it("makes labels for a modality the server does not describe", () => {
    const m = modalities();
    expect(m.labels("heat-map")).toEqual({ name: "Heat map", noun: "a heat map", what: "heat map" });
    expect(labelsFromName("animation").noun).toBe("an animation");
  });

  it("gives each listed modality its own badge tone, none to unlisted ones", () => {
    const m = modalities();
    const tones = m.names.map((n) => m.tone(n));
    expect(new Set(tones).size).toBe(Math.min(TONES, m.names.length));
    expect(m.tone("not-listed")).toBeNull();
  });

  it("reads the language from a BCP 47 tag", () => {
    expect(["zh", "zh-TW", "zh-Hant-HK", "ZH-cn"].map(labelLanguage)).toEqual(["zh", "zh", "zh", "zh"]);
    expect(["en-GB", "fr", "", undefined].map(labelLanguage)).toEqual(["en", "en", "en", "en"]);
  });

  it("joins the nouns into a sentence in either language", () => {
    const two = new Modalities(FIXTURE_MODALITIES.slice(0, 2));
    expect(two.nounList()).toBe("a slide deck or an infographic");
    expect(new Modalities(FIXTURE_MODALITIES.slice(0, 2), "zh").nounList()).toBe("一份簡報、一張資訊圖表");
    expect(modalities().nounList(2)).toBe("a slide deck, an infographic…");
    expect(two.nounList(2)).toBe("a slide deck or an infographic");
    expect(two.nounHint()).toBe("a slide deck or an infographic…");
    expect(modalities().nounHint(1)).toBe("a slide deck…");
  });
});

describe("reading /config's modalities defensively", () => {
  it("accepts the names an older server sends", () => {
    const m = Modalities.fromConfig({ modalities: ["slides", "whiteboard"] }, "en");
    expect(m.names).toEqual(["slides", "whiteboard"]);
    expect(m.labels("slides").name).toBe("Slides");
    expect(m.steps("slides")).toEqual([]);
  });

  it("drops entries without a name and malformed fields", () => {
    const read = readModalities([
      { labels: { en: { name: "Nameless" } } },
      { name: "odd", labels: { en: { name: 3 }, zh: { name: "怪" } }, card: 7, steps: ["a", 2, "b"] },
      null,
    ]);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ name: "odd", card: "", steps: ["a", "b"] });
    expect(read[0].labels).toEqual({ zh: { name: "怪", noun: "怪", what: "怪" } });
  });

  it("reads the fixture completely", () => {
    expect(readModalities(CONFIG.modalities)).toEqual(
      FIXTURE_MODALITIES.map((m) => ({ ...m, viewer: m.viewer, formats: m.formats })),
    );
  });
});
