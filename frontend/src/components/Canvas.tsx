/**
 * One board: Excalidraw with Atelier's answers on it. Requests from the prompt bar become progress cards at a
 * free spot near the view, fed by the render's event stream, and then the answer itself in their place.
 * Selecting an answer opens its panel; the board saves itself as the user works.
 */

import { CaptureUpdateAction, Excalidraw, MainMenu, newElementWith, WelcomeScreen } from "@excalidraw/excalidraw";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { AppState, BinaryFiles, ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { getRequest, keepRequest } from "../api/boards";
import { streamRender } from "../api/render";
import type { Board, RenderRequest, ServerConfig } from "../api/types";
import { CARD_HEADER, JOB_CARD_SIZE, jobCard, prepareAnswer } from "../board/answers";
import { answerData, atelierData, isAtelierEmbed, jobData } from "../board/atelierData";
import { boundsOf, contains, visibleScene, type Rect } from "../board/geometry";
import { hydrateRenderFiles } from "../board/hydrate";
import { endJob, getJob, newJobId, startJob, updateJob } from "../board/jobs";
import { rememberManifest } from "../board/manifests";
import { BoardSaver, type SaveStatus } from "../board/persistence";
import { findFreeSpot } from "../board/placement";
import { Modalities } from "../board/modalities";
import { advance, initialProgress } from "../board/progress";
import { embeddableCard } from "../cards/embeddableCard";
import { CanvasActionsContext, type CanvasActions } from "./actions";
import { AnswerPanel, type PanelSubject } from "./AnswerPanel";
import { BoardMenu } from "./BoardMenu";
import { DeckViewer } from "./DeckViewer";
import { ModalitiesContext } from "./modalities";
import { Notices, useNotices } from "./Notices";
import { PromptBar } from "./PromptBar";
import { WelcomeContent } from "./WelcomeContent";

const MIN_WIDGET = 160;
const MAX_WIDGET = 1400;

declare global {
  interface Window {
    /** The board's Excalidraw API, for the browser tests and for anyone scripting the canvas from devtools. */
    atelierCanvas?: { api: ExcalidrawImperativeAPI; boardId: string; flush: () => Promise<void> };
  }
}

type Elements = readonly ExcalidrawElement[];

/**
 * What a new answer must keep clear of: each answer and each group as one box (a diagram's gaps are part of it,
 * not free space), every other element on its own.
 */
function obstaclesOf(elements: Elements, except?: (e: ExcalidrawElement) => boolean): Rect[] {
  const groups = new Map<string, ExcalidrawElement[]>();
  for (const e of elements) {
    if (e.isDeleted || except?.(e)) continue;
    const data = atelierData(e);
    const key = data?.kind === "answer" ? `answer:${data.renderId}` : e.groupIds.length ? `group:${e.groupIds[e.groupIds.length - 1]}` : `element:${e.id}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const out: Rect[] = [];
  for (const members of groups.values()) {
    const b = boundsOf(members);
    if (b) out.push(b);
  }
  return out;
}

function subjectOf(elements: Elements, selected: Readonly<Record<string, true>>): PanelSubject | null {
  const ids = Object.keys(selected);
  if (!ids.length) return null;
  const byId = new Map(elements.map((e) => [e.id, e]));
  let subject: PanelSubject | null = null;
  for (const id of ids) {
    const data = atelierData(byId.get(id));
    if (!data) return null; // a mixed selection is the user's own business
    const next: PanelSubject = data.kind === "answer" ? { kind: "answer", renderId: data.renderId } : { kind: "job", jobId: data.jobId };
    if (subject && JSON.stringify(subject) !== JSON.stringify(next)) return null;
    subject = next;
  }
  return subject;
}

export function Canvas({
  board,
  config,
  theme,
  onThemeChange,
  onSwitchBoard,
}: {
  board: Board;
  config: ServerConfig;
  theme: "light" | "dark";
  onThemeChange: (theme: "light" | "dark") => void;
  onSwitchBoard: (id: string) => void;
}) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const apiRef = useRef<ExcalidrawImperativeAPI | null>(null);
  const [name, setName] = useState(board.name);
  const [status, setStatus] = useState<SaveStatus>({ state: "saved" });
  const [subject, setSubject] = useState<PanelSubject | null>(null);
  const [deck, setDeck] = useState<{ renderId: string; start: number } | null>(null);
  const [seed, setSeed] = useState<{ text: string; n: number } | undefined>();
  const { notices, notify, dismiss } = useNotices();
  const saver = useMemo(() => new BoardSaver(board.id, board.version, setStatus), [board.id, board.version]);
  const requests = useRef(new Map<string, RenderRequest>());
  const modalities = useMemo(() => Modalities.fromConfig(config), [config]);
  const lastChange = useRef<{ elements: Elements | null; view: string }>({ elements: null, view: "" });

  const initialData = useMemo(
    () => ({
      elements: (board.scene.elements ?? []) as unknown as ExcalidrawElement[],
      appState: { ...board.scene.appState, theme },
      files: (board.scene.files ?? {}) as unknown as BinaryFiles,
      scrollToContent: !(board.scene.appState && "scrollX" in board.scene.appState),
    }),
    // Only when the board itself changes: Excalidraw reads initial data once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board.id],
  );

  // Save what is left when the page goes away or the board is switched.
  useEffect(() => {
    const onHide = () => void saver.flush(true);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      void saver.flush(true);
      if (saver.hasUnsaved()) e.preventDefault();
    };
    window.addEventListener("pagehide", onHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("visibilitychange", onHide);
      void saver.flush().finally(() => saver.stop());
    };
  }, [saver]);

  useEffect(() => {
    if (!api) return;
    window.atelierCanvas = { api, boardId: board.id, flush: () => saver.flush() };
    return () => {
      if (window.atelierCanvas?.api === api) delete window.atelierCanvas;
    };
  }, [api, board.id, saver]);

  const replaceElements = useCallback(
    (update: (elements: Elements) => Elements, capture: keyof typeof CaptureUpdateAction = "IMMEDIATELY") => {
      const a = apiRef.current;
      if (!a) return;
      a.updateScene({ elements: update(a.getSceneElementsIncludingDeleted()), captureUpdate: CaptureUpdateAction[capture] });
    },
    [],
  );

  const bringIntoView = useCallback((elements: Elements) => {
    const a = apiRef.current;
    if (!a || !elements.length) return;
    const b = boundsOf(elements);
    const view = visibleScene(a.getAppState());
    if (!b || contains(view, b)) return;
    const tooBig = b.width > view.width * 0.9 || b.height > view.height * 0.9;
    a.scrollToContent(elements, tooBig ? { fitToViewport: true, viewportZoomFactor: 0.85, animate: false } : { animate: false });
  }, []);

  const runJob = useCallback(
    async (jobId: string) => {
      const job = getJob(jobId);
      if (!job) return;
      const abort = new AbortController();
      updateJob(jobId, { status: "running", error: undefined, progress: initialProgress(), abort });
      try {
        let requestId = job.requestId;
        if (!requestId) {
          requestId = (await keepRequest(board.id, job.request)).id;
          requests.current.set(requestId, job.request);
          updateJob(jobId, { requestId });
        }
        const manifest = await streamRender(
          job.request,
          (event) => {
            const current = getJob(jobId);
            if (current) updateJob(jobId, { progress: advance(current.progress, event, modalities) });
          },
          abort.signal,
        );
        rememberManifest(manifest);
        const prepared = await prepareAnswer(manifest, requestId, modalities);
        const a = apiRef.current;
        const placeholder = a?.getSceneElements().find((e) => jobData(e)?.jobId === jobId);
        if (!a || !placeholder || abort.signal.aborted) {
          endJob(jobId); // the user removed the card meanwhile: the answer stays in the render store only
          return;
        }
        const view = visibleScene(a.getAppState());
        const others = obstaclesOf(a.getSceneElements(), (e) => e.id === placeholder.id);
        const anchor = { x: placeholder.x + prepared.width / 2, y: placeholder.y + prepared.height / 2 };
        const spot = findFreeSpot(prepared, others, view, anchor);
        const { elements, files } = prepared.build(spot);
        if (files.length) a.addFiles(files);
        const wasSelected = !!a.getAppState().selectedElementIds[placeholder.id];
        replaceElements((all) => [...all.filter((e) => e.id !== placeholder.id), ...elements]);
        endJob(jobId);
        if (wasSelected) {
          a.updateScene({ appState: { selectedElementIds: Object.fromEntries(elements.map((e) => [e.id, true as const])) } });
        }
        bringIntoView(elements);
      } catch (err) {
        if (abort.signal.aborted || (err as Error).name === "AbortError") return;
        updateJob(jobId, { status: "failed", error: (err as Error).message });
      }
    },
    [board.id, replaceElements, bringIntoView, modalities],
  );

  const submit = useCallback(
    (request: RenderRequest, anchor?: { x: number; y: number }) => {
      const a = apiRef.current;
      if (!a) return;
      const jobId = newJobId();
      startJob(jobId, request);
      const view = visibleScene(a.getAppState());
      const spot = findFreeSpot(JOB_CARD_SIZE, obstaclesOf(a.getSceneElements()), view, anchor);
      const card = jobCard(jobId, spot);
      replaceElements((all) => [...all, ...card], "NEVER");
      bringIntoView(card);
      void runJob(jobId);
    },
    [replaceElements, bringIntoView, runJob],
  );

  const actions = useMemo<CanvasActions>(
    () => ({
      openDeck: (renderId, slide = 0) => setDeck({ renderId, start: slide }),
      retryJob: (jobId) => void runJob(jobId),
      removeJob: (jobId) => {
        endJob(jobId);
        replaceElements((all) => all.filter((e) => jobData(e)?.jobId !== jobId), "NEVER");
      },
      tryAs: (renderId, modality) => {
        const a = apiRef.current;
        if (!a) return;
        const answer = a.getSceneElements().filter((e) => answerData(e)?.renderId === renderId);
        const requestId = answer.map((e) => answerData(e)?.requestId).find(Boolean);
        if (!requestId) {
          notify("This answer's request is not known to the board, so it cannot be tried in another form.");
          return;
        }
        const kept = requests.current.get(requestId);
        (kept ? Promise.resolve(kept) : getRequest(board.id, requestId)).then(
          (request) => {
            requests.current.set(requestId, request);
            const b = boundsOf(answer);
            const anchor = b ? { x: b.x + b.width + 64 + JOB_CARD_SIZE.width / 2, y: b.y + JOB_CARD_SIZE.height / 2 } : undefined;
            submit({ ...request, modality }, anchor);
          },
          (err: Error) => notify(`Could not try it as ${modalities.labels(modality).noun}: ${err.message}`),
        );
      },
      resizeCard: (elementId, contentHeight) => {
        const a = apiRef.current;
        const el = a?.getSceneElements().find((e) => e.id === elementId);
        if (!el) return;
        const height = Math.round(Math.min(MAX_WIDGET, Math.max(MIN_WIDGET, contentHeight + CARD_HEADER + 4)));
        if (Math.abs(height - el.height) < 2) return;
        replaceElements((all) => all.map((e) => (e.id === elementId ? newElementWith(e, { height }) : e)), "NEVER");
      },
    }),
    [runJob, replaceElements, notify, board.id, submit, modalities],
  );

  const onChange = useCallback(
    (elements: Elements, appState: AppState, files: BinaryFiles) => {
      const view = `${appState.scrollX},${appState.scrollY},${appState.zoom.value},${appState.viewBackgroundColor},${appState.gridModeEnabled}`;
      const selected = subjectOf(elements, appState.selectedElementIds);
      setSubject((prev) => (JSON.stringify(prev) === JSON.stringify(selected) ? prev : selected));
      if (appState.theme !== theme) onThemeChange(appState.theme);
      if (lastChange.current.elements === elements && lastChange.current.view === view) return;
      lastChange.current = { elements, view };
      // Pictures from renders are fetched again when the scene shows one without its file (they are not saved).
      if (apiRef.current) hydrateRenderFiles(apiRef.current, elements, files, notify);
      saver.noteChange(elements, appState, files);
    },
    [saver, theme, onThemeChange, notify],
  );

  // Enter on a selected deck opens it, as the panel's "Open slides" does.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Enter" || deck || subject?.kind !== "answer") return;
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, button, a, [contenteditable]")) return;
      const a = apiRef.current;
      const el = a?.getSceneElements().find((x) => answerData(x)?.renderId === subject.renderId);
      if (answerData(el)?.card !== "deck" || a?.getAppState().editingTextElement) return;
      e.preventDefault();
      e.stopPropagation();
      setDeck({ renderId: subject.renderId, start: 0 });
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [deck, subject]);

  return (
    <ModalitiesContext.Provider value={modalities}>
      <CanvasActionsContext.Provider value={actions}>
        <div className="canvas" data-testid="canvas" data-board-id={board.id}>
          <Excalidraw
            excalidrawAPI={(a) => {
              apiRef.current = a;
              setApi(a);
            }}
            initialData={initialData}
            theme={theme}
            name={name}
            aiEnabled={false}
            onChange={onChange}
            validateEmbeddable={isAtelierEmbed}
            renderEmbeddable={embeddableCard}
            UIOptions={{ canvasActions: { toggleTheme: true, loadScene: true, export: { saveFileToDisk: true } } }}
            renderTopRightUI={() => (
              <BoardMenu board={{ id: board.id, name }} status={status} onSwitch={onSwitchBoard} onRenamed={setName} />
            )}
          >
            <MainMenu>
              <MainMenu.DefaultItems.LoadScene />
              <MainMenu.DefaultItems.Export />
              <MainMenu.DefaultItems.SaveAsImage />
              <MainMenu.DefaultItems.ClearCanvas />
              <MainMenu.Separator />
              <MainMenu.DefaultItems.ToggleTheme />
              <MainMenu.DefaultItems.ChangeCanvasBackground />
              <MainMenu.Separator />
              <MainMenu.DefaultItems.Help />
            </MainMenu>
            <WelcomeScreen>
              <WelcomeContent modalities={modalities} onExample={(text) => setSeed((s) => ({ text, n: (s?.n ?? 0) + 1 }))} />
            </WelcomeScreen>
          </Excalidraw>
          {subject && <AnswerPanel subject={subject} onClose={() => api?.updateScene({ appState: { selectedElementIds: {} } })} />}
          <PromptBar config={config} onSubmit={(r) => submit(r)} seed={seed} />
          <Notices notices={notices} onDismiss={dismiss} />
          {status.state === "conflict" && (
            <div className="conflict-banner" role="alert">
              {status.message}
              <button type="button" className="primary" onClick={() => window.location.reload()}>
                Reload
              </button>
            </div>
          )}
          {deck && <DeckViewer renderId={deck.renderId} start={deck.start} onClose={() => setDeck(null)} />}
        </div>
      </CanvasActionsContext.Provider>
    </ModalitiesContext.Provider>
  );
}
