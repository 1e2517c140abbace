/**
 * The modalities this server offers, as GET /config describes them: their names in the reader's language, the card
 * each is shown on, the progress steps a render of each sends, and a badge colour. No modality is named in the
 * app's code: one it has never heard of gets a name made from its identifier, a card chosen from its files
 * (board/cards.ts) and a progress bar that counts the events it sees.
 */

import type { ModalityInfo, ModalityLabels } from "../api/types";

/** Badge colours in styles.css (`.badge[data-tone="0"]` … `"7"`), given to modalities in the order /config lists them. */
export const TONES = 8;

export type LabelLanguage = "en" | "zh";

/** The labels' language for a BCP 47 tag: Chinese ("zh", "zh-TW", "zh-Hant-HK", ...) or else English. */
export const labelLanguage = (tag: string | null | undefined): LabelLanguage =>
  tag?.trim().toLowerCase().startsWith("zh") ? "zh" : "en";

/** The page's language (index.html's `lang`), else the browser's. */
function readerLanguage(): string {
  if (typeof document !== "undefined" && document.documentElement.lang) return document.documentElement.lang;
  return typeof navigator !== "undefined" ? navigator.language : "en";
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

function readLabels(raw: unknown): ModalityLabels | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const { name, noun, what } = raw as Record<string, unknown>;
  if (!isText(name)) return undefined;
  return { name, noun: isText(noun) ? noun : name, what: isText(what) ? what : name };
}

/**
 * /config's `modalities`, checked at the boundary: entries without a name are dropped, a bare name (a server from
 * before issue 14) becomes an entry with no labels, card or steps, and malformed fields are left out, so the rest
 * of the app reads one shape and fills gaps with its own fallbacks.
 */
export function readModalities(raw: unknown): ModalityInfo[] {
  if (!Array.isArray(raw)) return [];
  const out: ModalityInfo[] = [];
  for (const entry of raw) {
    if (isText(entry)) {
      out.push({ name: entry, labels: {}, card: "", steps: [] });
      continue;
    }
    if (!entry || typeof entry !== "object" || !isText((entry as { name?: unknown }).name)) continue;
    const e = entry as Record<string, unknown>;
    const labels: ModalityInfo["labels"] = {};
    if (e.labels && typeof e.labels === "object") {
      for (const [lang, value] of Object.entries(e.labels)) {
        const read = readLabels(value);
        if (read) labels[lang] = read;
      }
    }
    const texts = (v: unknown) => (Array.isArray(v) ? v.filter(isText) : []);
    out.push({
      name: e.name as string,
      labels,
      card: isText(e.card) ? e.card : "",
      viewer: isText(e.viewer) ? e.viewer : undefined,
      steps: texts(e.steps),
      formats: texts(e.formats),
    });
  }
  return out;
}

const startsWithVowel = /^[aeiou]/i;

/** Labels for a modality /config gives none for: "heat-map" → "Heat map", "a heat map", "heat map". */
export function labelsFromName(name: string): ModalityLabels {
  const words = name.replace(/[-_]+/g, " ").trim() || name;
  return {
    name: words.charAt(0).toUpperCase() + words.slice(1),
    noun: `${startsWithVowel.test(words) ? "an" : "a"} ${words}`,
    what: words,
  };
}

export class Modalities {
  private readonly byName: Map<string, { info: ModalityInfo; index: number }>;

  constructor(
    readonly list: readonly ModalityInfo[],
    readonly language: LabelLanguage = "en",
  ) {
    this.byName = new Map(list.map((info, index) => [info.name, { info, index }]));
  }

  /** From GET /config (any server's: its modalities are checked as they are read, see readModalities). */
  static fromConfig(config: { modalities: unknown }, language: LabelLanguage = labelLanguage(readerLanguage())): Modalities {
    return new Modalities(readModalities(config.modalities), language);
  }

  /** The modalities in routing order (the order of the prompt bar's menu). */
  get names(): string[] {
    return this.list.map((m) => m.name);
  }

  info(name: string | null | undefined): ModalityInfo | undefined {
    return name ? this.byName.get(name)?.info : undefined;
  }

  /** Its labels in the reader's language, else in English, else made from its name. */
  labels(name: string): ModalityLabels {
    const labels = this.info(name)?.labels;
    return labels?.[this.language] ?? labels?.en ?? labelsFromName(name);
  }

  /** The badge colour of a modality (its place in /config's list), or null for one this server does not list. */
  tone(name: string | null | undefined): number | null {
    const found = name ? this.byName.get(name) : undefined;
    return found ? found.index % TONES : null;
  }

  /** The progress events a render of this modality sends, in order; empty when /config does not say. */
  steps(name: string | null | undefined): readonly string[] {
    return this.info(name)?.steps ?? [];
  }

  /** "a slide deck, an infographic or an image", in the labels' language; past `limit` nouns, the first ones and
   * an ellipsis ("a slide deck, an infographic…"). */
  nounList(limit = Infinity): string {
    const nouns = this.list.map((m) => this.labels(m.name).noun);
    const comma = this.language === "zh" ? "、" : ", ";
    if (nouns.length > limit) return `${nouns.slice(0, limit).join(comma)}…`;
    if (this.language === "zh") return nouns.join(comma);
    return nouns.length < 2 ? (nouns[0] ?? "") : `${nouns.slice(0, -1).join(comma)} or ${nouns[nouns.length - 1]}`;
  }

  /** A few nouns for a prompt or a greeting, always trailing off: "a slide deck, an infographic, a whiteboard…". */
  nounHint(limit = 3): string {
    const list = this.nounList(limit);
    return list.endsWith("…") ? list : `${list}…`;
  }
}
