/**
 * The progress bar's model: from the render stream's events to a fraction and a sentence. The server reports
 * stages, not percentages, so the bar advances by stage: /config lists, for each modality, the steps a render
 * sends (`render` events' `step`, `file` events' `name`), and the bar moves to the step it hears, so a step a
 * render skips (no pictures to draw) does not hold it back. It never claims to be done before the manifest arrives.
 */

import type { RenderEvent } from "../api/render";
import type { Modalities } from "./modalities";

export interface Progress {
  fraction: number; // 0..1
  label: string;
  modality?: string;
  title?: string;
  planner?: string;
  rationale?: string;
  steps: number; // render steps reached so far
}

const PLAN_SHARE = 0.3;
const RENDER_END = 0.95;
/** How many steps the bar expects from a modality /config gives no steps for. */
const UNKNOWN_STEPS = 4;

export const initialProgress = (): Progress => ({ fraction: 0.03, label: "Sending the request…", steps: 0 });

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export function advance(p: Progress, e: RenderEvent, modalities: Modalities): Progress {
  const d = e.data as Record<string, unknown>;
  if (e.event === "plan") {
    if (d.status === "done") {
      const modality = text(d.modality);
      return {
        ...p,
        fraction: PLAN_SHARE,
        modality,
        title: text(d.title) || p.title,
        planner: text(d.planner),
        rationale: text(d.rationale),
        label: modality ? `Planned ${modalities.labels(modality).noun}` : "Planned",
      };
    }
    // Planning (a model may report several steps): creep towards the plan's share without reaching it.
    const fraction = Math.min(PLAN_SHARE * 0.9, p.fraction + (PLAN_SHARE - p.fraction) * 0.35);
    const what = text(d.step) ?? text(d.message) ?? "";
    return { ...p, fraction, label: what ? `Planning: ${what}` : "Planning…" };
  }
  if (e.event !== "render" && e.event !== "file") return p;

  const modality = p.modality ?? text(d.modality);
  if (d.status === "started") {
    const what = modality ? `the ${modalities.labels(modality).what}` : "the answer";
    return { ...p, modality, label: `Rendering ${what}…` };
  }
  const expected = modalities.steps(modality);
  const name = e.event === "file" ? text(d.name) : text(d.step);
  const at = name ? expected.indexOf(name) : -1;
  const steps = Math.max(p.steps + 1, at + 1);
  const total = expected.length || UNKNOWN_STEPS;
  // steps / (total + 1): the last step still leaves room for the manifest.
  const fraction = PLAN_SHARE + (RENDER_END - PLAN_SHARE) * Math.min(1, steps / (total + 1));
  const count = e.event === "file" && typeof d.count === "number" ? ` (${d.count})` : "";
  const what = e.event === "file" ? `wrote ${name ?? "a file"}${count}` : (name ?? "working");
  const label = expected.length ? `Step ${Math.min(steps, total)} of ${total}: ${what}` : `${what.charAt(0).toUpperCase()}${what.slice(1)}…`;
  return { ...p, modality, steps, fraction: Math.max(p.fraction, fraction), label };
}
