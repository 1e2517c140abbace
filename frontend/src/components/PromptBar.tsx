/**
 * The request: a prompt, optionally a document or a table (attached, dropped or pasted), the modality ("auto"
 * lets the planner choose) and, when the server has a language model, the planner. Enter sends; Shift+Enter
 * starts a new line.
 */

import { useEffect, useId, useRef, useState } from "react";

import type { RenderRequest, ServerConfig } from "../api/types";
import { bytes } from "./format";
import { useModalities } from "./modalities";

interface Attachment {
  name: string;
  text: string;
  as: "content" | "data";
}

const DATA_FILE = /\.(csv|tsv|json)$/i;
const TEXT_FILE = /\.(md|markdown|txt|text|csv|tsv|json)$/i;

export function PromptBar({
  config,
  onSubmit,
  seed,
}: {
  config: ServerConfig;
  onSubmit: (request: RenderRequest) => void;
  /** Text to put in the prompt (an example chosen on the welcome screen), with a counter so repeats still apply. */
  seed?: { text: string; n: number };
}) {
  const [prompt, setPrompt] = useState("");
  const modalities = useModalities();
  const [modality, setModality] = useState("auto");
  const [planner, setPlanner] = useState<"auto" | "offline" | "llm">("auto");
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  // A new example from the welcome screen replaces the prompt (set while rendering, as React advises for state
  // that follows a prop), and the prompt takes the focus.
  const [seedShown, setSeedShown] = useState(seed);
  if (seed !== seedShown) {
    setSeedShown(seed);
    if (seed) setPrompt(seed.text);
  }
  useEffect(() => {
    if (seed) promptRef.current?.focus();
  }, [seed]);

  // The prompt grows with its text, up to a few lines, then scrolls.
  useEffect(() => {
    const el = promptRef.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [prompt]);

  const limits = config.limits;

  async function attach(file: File) {
    if (!TEXT_FILE.test(file.name) && !file.type.startsWith("text/")) {
      setProblem(`${file.name} is not a text file; attach Markdown, plain text, CSV or JSON`);
      return;
    }
    const text = await file.text();
    if (text.length > limits.max_content_chars) {
      setProblem(`${file.name} has ${text.length.toLocaleString()} characters; the server takes up to ${limits.max_content_chars.toLocaleString()}`);
      return;
    }
    setProblem(null);
    setAttachment({ name: file.name, text, as: DATA_FILE.test(file.name) ? "data" : "content" });
  }

  function submit() {
    const text = prompt.trim();
    const content = [attachment?.as === "content" ? attachment.text : "", pasting ? pasted : ""].filter((s) => s.trim()).join("\n\n");
    if (!text && !content.trim() && !attachment) {
      setProblem("Type a request, or attach or paste something to work from.");
      promptRef.current?.focus();
      return;
    }
    if (text.length > limits.max_prompt_chars) {
      setProblem(`The request is ${text.length.toLocaleString()} characters; keep it under ${limits.max_prompt_chars.toLocaleString()} and paste long text as a document.`);
      return;
    }
    const request: RenderRequest = { prompt: text || undefined };
    if (content.trim()) request.content = content;
    if (attachment?.as === "data") request.data = attachment.text;
    if (modality !== "auto") request.modality = modality;
    if (config.llm.configured && planner !== "auto") request.planner = planner;
    setProblem(null);
    onSubmit(request);
    setPrompt("");
    setAttachment(null);
    setPasted("");
    setPasting(false);
    setModality("auto"); // a form picked for one request is not a standing order for the next
  }

  return (
    <form
      className={`prompt-bar${dragging ? " dragging" : ""}`}
      aria-label="Ask Atelier"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        setDragging(false);
        if (file) {
          e.preventDefault();
          e.stopPropagation();
          void attach(file);
        }
      }}
    >
      {pasting && (
        <textarea
          className="paste-area"
          aria-label="Pasted document"
          placeholder="Paste a document, notes or an article here (Markdown works)…"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          rows={6}
        />
      )}
      <div className="prompt-row">
        <textarea
          ref={promptRef}
          className="prompt-input"
          aria-label="Request"
          placeholder={`Ask for ${modalities.nounHint()}`}
          rows={1}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" className="primary send" aria-label="Make it">
          Make it
        </button>
      </div>
      <div className="prompt-tools">
        <input
          ref={fileRef}
          id={`${ids}-file`}
          type="file"
          hidden
          accept=".md,.markdown,.txt,.csv,.tsv,.json,text/*,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void attach(file);
            e.target.value = "";
          }}
        />
        <button type="button" className="chip-button" onClick={() => fileRef.current?.click()}>
          Attach a file
        </button>
        <button type="button" className="chip-button" aria-pressed={pasting} onClick={() => setPasting(!pasting)}>
          {pasting ? "Hide pasted text" : "Paste a document"}
        </button>
        {attachment && (
          <span className="attachment" data-testid="attachment">
            {attachment.as === "data" ? "Data" : "Document"}: {attachment.name} · {bytes(new Blob([attachment.text]).size)}
            <button type="button" className="icon" aria-label={`Remove ${attachment.name}`} onClick={() => setAttachment(null)}>
              ×
            </button>
          </span>
        )}
        <span className="spacer" />
        <label className="select-label">
          <span>Make</span>
          <select aria-label="Modality" value={modality} onChange={(e) => setModality(e.target.value)}>
            <option value="auto">Auto</option>
            {modalities.names.map((m) => (
              <option key={m} value={m}>
                {modalities.labels(m).name}
              </option>
            ))}
          </select>
        </label>
        {config.llm.configured && (
          <label className="select-label">
            <span>Planner</span>
            <select aria-label="Planner" value={planner} onChange={(e) => setPlanner(e.target.value as typeof planner)}>
              <option value="auto">Auto{config.llm.model ? ` (${config.llm.model})` : ""}</option>
              <option value="llm">Language model</option>
              <option value="offline">Offline</option>
            </select>
          </label>
        )}
      </div>
      {problem && (
        <p className="prompt-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
