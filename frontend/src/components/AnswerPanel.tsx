/**
 * The selected answer, explained and put to use: why the planner chose this form, the other forms to try,
 * the files to download, and the snippet that embeds it elsewhere. For a render still running (or failed), the
 * way to stop it or try again.
 */

import { useState } from "react";

import type { Manifest } from "../api/types";
import { chooseCard } from "../board/cards";
import { downloadFiles } from "../board/files";
import { useJob } from "../board/jobs";
import { useManifest } from "../board/manifests";
import { ModalityBadge } from "../cards/ModalityBadge";
import { useCanvasActions } from "./actions";
import { bytes, downloadUrl, fileKind, seconds } from "./format";
import { useModalities } from "./modalities";

export type PanelSubject = { kind: "answer"; renderId: string } | { kind: "job"; jobId: string };

export function AnswerPanel({ subject, onClose }: { subject: PanelSubject; onClose: () => void }) {
  return (
    <aside className="answer-panel" aria-label="Selected answer" data-testid="answer-panel">
      <button type="button" className="icon panel-close" aria-label="Close panel" onClick={onClose}>
        ×
      </button>
      {subject.kind === "answer" ? <AnswerDetails renderId={subject.renderId} /> : <JobDetails jobId={subject.jobId} />}
    </aside>
  );
}

function JobDetails({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const actions = useCanvasActions();
  if (!job) return <p>This render is no longer running.</p>;
  return (
    <>
      <h2 className="panel-title">{job.status === "failed" ? "The render failed" : "Rendering…"}</h2>
      {job.request.prompt && <p className="panel-quote">“{job.request.prompt}”</p>}
      {job.status === "failed" && <p className="panel-error">{job.error}</p>}
      <div className="panel-actions">
        {job.status === "failed" ? (
          <>
            <button type="button" className="primary" onClick={() => actions.retryJob(jobId)}>Try again</button>
            <button type="button" onClick={() => actions.removeJob(jobId)}>Remove</button>
          </>
        ) : (
          <button type="button" onClick={() => actions.removeJob(jobId)}>Cancel</button>
        )}
      </div>
    </>
  );
}

function AnswerDetails({ renderId }: { renderId: string }) {
  const { manifest, error } = useManifest(renderId);
  if (error) return <p className="panel-error">This answer's render cannot be loaded: {error}</p>;
  if (!manifest) return <p>Loading…</p>;
  return <Loaded m={manifest} />;
}

function Loaded({ m }: { m: Manifest }) {
  const actions = useCanvasActions();
  const modalities = useModalities();
  const [copied, setCopied] = useState<string | null>(null);
  // The server writes the snippets (server/embedding.py); older renders without them get an equivalent iframe.
  const origin = window.location.origin;
  const embedUrl = m.embed?.url ?? `${origin}/embed/${m.id}`;
  const snippet = m.embed?.script ?? `<iframe src="${embedUrl}" title="${m.title.replace(/"/g, "&quot;")}" width="640" height="480" style="border:0" sandbox="allow-scripts" loading="lazy"></iframe>`;
  const oembed = m.embed?.oembed ?? `${origin}/oembed?url=${encodeURIComponent(embedUrl)}`;
  const isDeck = chooseCard(m, modalities.info(m.modality)) === "deck";
  const downloads = downloadFiles(m, isDeck);
  const others = modalities.names.filter((x) => x !== m.modality && !m.planner.alternatives.includes(x));
  const tryAs = (alt: string) => (
    <button type="button" key={alt} onClick={() => actions.tryAs(m.id, alt)}>
      Try as {modalities.labels(alt).noun}
    </button>
  );

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`${what}: select the text and copy it`);
    }
  }

  return (
    <>
      <p className="panel-kicker">
        <ModalityBadge modality={m.modality} />
      </p>
      <h2 className="panel-title" data-testid="panel-title">{m.title}</h2>
      <section aria-label="Why this form">
        <p className="panel-why" data-testid="panel-rationale">
          <strong>{plannerName(m)}</strong> chose {modalities.labels(m.modality).noun}: {m.planner.rationale}
        </p>
      </section>
      {isDeck && (
        <div className="panel-actions">
          <button type="button" className="primary" onClick={() => actions.openDeck(m.id, 0)}>
            Open slides ({downloads.pages || slideCount(m)})
          </button>
        </div>
      )}
      {m.planner.alternatives.length > 0 && (
        <section aria-label="Try another form">
          <h3>Try as</h3>
          <div className="panel-actions">
            {m.planner.alternatives.map(tryAs)}
          </div>
          {others.length > 0 && (
            <details className="panel-more">
              <summary>Other forms</summary>
              <div className="panel-actions">{others.map(tryAs)}</div>
            </details>
          )}
        </section>
      )}
      <section aria-label="Downloads">
        <h3>Files</h3>
        <ul className="file-list">
          {downloads.files.map((f) => (
            <li key={f.name}>
              <a href={f.url} target="_blank" rel="noopener">
                {f.name}
              </a>
              <span className="file-meta">
                {fileKind(f)} · {bytes(f.bytes)}
              </span>
              <a className="file-download" href={downloadUrl(f)} download={f.name} aria-label={`Download ${f.name}`}>
                Download
              </a>
            </li>
          ))}
          {downloads.pages > 0 && <li className="file-meta">and {downloads.pages} slide previews</li>}
        </ul>
      </section>
      <section aria-label="Embed">
        <h3>Embed</h3>
        <textarea className="embed-snippet" readOnly rows={3} value={snippet} aria-label="Embed snippet" onFocus={(e) => e.currentTarget.select()} />
        <div className="panel-actions">
          <button type="button" onClick={() => copy(snippet, "Snippet copied")}>Copy snippet</button>
          <button type="button" onClick={() => copy(oembed, "oEmbed link copied")}>Copy oEmbed link</button>
        </div>
        {copied && <p className="panel-note" role="status">{copied}</p>}
      </section>
      {m.warnings.length > 0 && (
        <details className="panel-warnings">
          <summary>
            {m.warnings.length} note{m.warnings.length === 1 ? "" : "s"} from the renderer
          </summary>
          <ul>
            {m.warnings.map((w, i) => (
              <li key={i}>
                <code>{w.code}</code> {w.where ? `${w.where}: ` : ""}
                {w.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="panel-note">
        Planned in {seconds(m.timings_ms.plan)}, rendered in {seconds(m.timings_ms.render)}.
      </p>
    </>
  );
}

/** A deck's slide count from its details, for a deck whose previews were not drawn. */
function slideCount(m: Manifest): string {
  const count = m.details?.slide_count;
  return typeof count === "number" ? String(count) : "";
}

function plannerName(m: Manifest): string {
  if (m.planner.name === "llm") return m.planner.model ? `The language model (${m.planner.model})` : "The language model";
  if (m.planner.name === "given") return "The given plan";
  return "The offline planner";
}
