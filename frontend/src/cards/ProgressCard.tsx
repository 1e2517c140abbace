/** Holds a job's place on the board while its render runs: what is happening, how far along, or what went wrong. */

import { useJob } from "../board/jobs";
import { useCanvasActions } from "../components/actions";
import { CardHeader } from "./CardHeader";

export function ProgressCard({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const actions = useCanvasActions();
  if (!job) {
    return (
      <div className="card card-job" data-testid="progress-card" data-state="gone">
        <CardHeader title="Not running" />
        <p className="card-body-text">This render stopped when the page was left. Select the card and delete it.</p>
      </div>
    );
  }
  const p = job.progress;
  const title = p.title || job.request.prompt || "Your request";
  if (job.status === "failed") {
    return (
      <div className="card card-job card-failed" data-testid="progress-card" data-state="failed" role="alert">
        <CardHeader modality={p.modality} title={title} />
        <div className="card-error">
          <strong>The render failed.</strong> <span data-testid="render-error">{job.error}</span>
        </div>
        <div className="card-actions">
          <button type="button" onClick={() => actions.retryJob(jobId)}>Try again</button>
          <button type="button" className="secondary" onClick={() => actions.removeJob(jobId)}>Remove</button>
        </div>
      </div>
    );
  }
  const percent = Math.round(p.fraction * 100);
  return (
    <div className="card card-job" data-testid="progress-card" data-state="running" data-modality={p.modality ?? ""}>
      <CardHeader modality={p.modality} title={title} />
      <div className="card-progress">
        <div className="progress" role="progressbar" aria-label="Render progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="progress-label" aria-live="polite">{p.label}</p>
        {p.rationale && <p className="progress-why">{p.rationale}</p>}
      </div>
    </div>
  );
}
