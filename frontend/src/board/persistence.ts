/**
 * Saving the board as the user works: a save a second after the last change (and right away when the page is
 * hidden), of what a reload needs: the elements, the view, the pictures the user added, and which renders are on
 * the board. Jobs (renders still running) are not saved; pictures that come from renders are fetched again on load.
 * Each save names the version it builds on, so a second tab cannot silently overwrite this one's work (409).
 */

import type { AppState, BinaryFiles } from "@excalidraw/excalidraw/types";

import { saveBoard } from "../api/boards";
import { ApiError } from "../api/http";
import type { AnswerRef, SavedScene } from "../api/types";
import { answerData, parseRenderFileId, jobData } from "./atelierData";

export type SaveStatus =
  | { state: "saved" }
  | { state: "unsaved" }
  | { state: "saving" }
  | { state: "error"; message: string }
  | { state: "conflict"; message: string };

type Element = { id: string; version: number; isDeleted: boolean; type: string; fileId?: string | null; customData?: Record<string, unknown> };

const DELAY_MS = 1000;
const RETRY_MS = 5000;
const KEEPALIVE_LIMIT = 60_000; // browsers refuse keepalive bodies over 64 KiB

function snapshot(elements: readonly Element[], appState: Partial<AppState>, files: BinaryFiles) {
  const kept = elements.filter((e) => !e.isDeleted && !jobData(e));
  const answers: Record<string, AnswerRef> = {};
  const fileIds = new Set<string>();
  for (const e of kept) {
    const a = answerData(e);
    if (a) answers[a.renderId] = { request: a.requestId };
    if (e.type === "image" && e.fileId && !parseRenderFileId(e.fileId)) fileIds.add(e.fileId);
  }
  const scene: SavedScene = {
    elements: kept,
    appState: {
      scrollX: appState.scrollX,
      scrollY: appState.scrollY,
      zoom: appState.zoom,
      viewBackgroundColor: appState.viewBackgroundColor,
      gridModeEnabled: appState.gridModeEnabled,
    },
    files: Object.fromEntries([...fileIds].filter((id) => files[id]).map((id) => [id, files[id] as unknown as Record<string, unknown>])),
  };
  return { scene, answers };
}

function signature(elements: readonly Element[], appState: Partial<AppState>, files: BinaryFiles): string {
  const els = elements.filter((e) => !jobData(e)).map((e) => `${e.id}:${e.version}:${e.isDeleted ? 1 : 0}`).join(",");
  const view = `${Math.round(appState.scrollX ?? 0)},${Math.round(appState.scrollY ?? 0)},${(appState.zoom?.value ?? 1).toFixed(3)},${appState.viewBackgroundColor},${appState.gridModeEnabled}`;
  const own = Object.keys(files).filter((id) => !parseRenderFileId(id)).sort().join(",");
  return `${els}|${view}|${own}`;
}

export class BoardSaver {
  private lastSaved: string | null = null;
  private latest: { elements: readonly Element[]; appState: Partial<AppState>; files: BinaryFiles; sig: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly boardId: string,
    private version: number,
    private readonly onStatus: (s: SaveStatus) => void,
  ) {}

  /** Called from Excalidraw's onChange; the first call is the loaded board itself and sets the baseline. */
  noteChange(elements: readonly Element[], appState: Partial<AppState>, files: BinaryFiles): void {
    if (this.stopped) return;
    const sig = signature(elements, appState, files);
    if (this.lastSaved === null) {
      this.lastSaved = sig;
      return;
    }
    if (sig === this.lastSaved || sig === this.latest?.sig) return;
    this.latest = { elements, appState, files, sig };
    this.onStatus({ state: "unsaved" });
    this.schedule(DELAY_MS);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Saves now if anything changed; `keepalive` lets the request outlive a closing page. */
  async flush(keepalive = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) {
      await this.inFlight;
      if (this.latest) return this.flush(keepalive);
      return;
    }
    const latest = this.latest;
    if (!latest || this.stopped || latest.sig === this.lastSaved) return;
    this.latest = null;
    const { scene, answers } = snapshot(latest.elements, latest.appState, latest.files);
    const size = JSON.stringify(scene).length;
    this.onStatus({ state: "saving" });
    this.inFlight = saveBoard(this.boardId, this.version, scene, answers, keepalive && size < KEEPALIVE_LIMIT)
      .then((summary) => {
        this.version = summary.version;
        this.lastSaved = latest.sig;
        this.onStatus(this.latest ? { state: "unsaved" } : { state: "saved" });
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 409) {
          this.stopped = true;
          this.onStatus({ state: "conflict", message: err.message });
          return;
        }
        this.latest ??= latest; // keep it for the next try
        this.onStatus({ state: "error", message: (err as Error).message });
        if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) this.schedule(RETRY_MS);
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
    if (this.latest && !this.timer && !this.stopped) this.schedule(DELAY_MS);
  }

  hasUnsaved(): boolean {
    return !!this.latest || !!this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
