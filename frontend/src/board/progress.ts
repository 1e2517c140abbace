/**
 * The progress bar's model: from the render stream's events to a fraction and a sentence. The server reports
 * stages, not percentages, so the bar advances by stage, using how many steps each modality usually reports;
 * it never claims to be done before the manifest arrives.
 */

import type { RenderEvent } from "../api/render";
import { MODALITY_LABEL, type Modality } from "../api/types";

export interface Progress {
  fraction: number; // 0..1
  label: string;
  modality?: Modality;
  title?: string;
  planner?: string;
  rationale?: string;
  steps: number; // render steps seen so far
}

// Render-phase events each modality usually sends (steps and files), from the renderers.
const EXPECTED_STEPS: Record<Modality, number> = { slides: 6, infographic: 5, whiteboard: 4, widget: 1, image: 2 };
const PLAN_SHARE = 0.3;

const STEP_LABEL: Record<string, string> = {
  images: "Drawing pictures",
  layout: "Laying out",
  pdf: "Making the PDF",
  image: "Drawing the image",
};

export const initialProgress = (): Progress => ({ fraction: 0.03, label: "Sending the request…", steps: 0 });

export function advance(p: Progress, e: RenderEvent): Progress {
  const d = e.data as Record<string, unknown>;
  if (e.event === "plan") {
    if (d.status === "done") {
      const modality = d.modality as Modality;
      return {
        ...p,
        fraction: PLAN_SHARE,
        modality,
        title: (d.title as string) || p.title,
        planner: d.planner as string,
        rationale: d.rationale as string,
        label: `Planned ${MODALITY_LABEL[modality]?.toLowerCase() ?? modality}`,
      };
    }
    // Planning (a model may report several steps): creep towards the plan's share without reaching it.
    const fraction = Math.min(PLAN_SHARE * 0.9, p.fraction + (PLAN_SHARE - p.fraction) * 0.35);
    const what = typeof d.step === "string" ? d.step : typeof d.message === "string" ? d.message : "";
    return { ...p, fraction, label: what ? `Planning: ${what}` : "Planning…" };
  }
  if (e.event === "render" || e.event === "file") {
    const modality = p.modality ?? ((d.modality as Modality | undefined) || undefined);
    const expected = modality ? EXPECTED_STEPS[modality] ?? 4 : 4;
    const steps = d.status === "started" ? p.steps : p.steps + 1;
    const fraction = PLAN_SHARE + (0.95 - PLAN_SHARE) * Math.min(1, steps / (expected + 1));
    let label = p.label;
    if (e.event === "file") {
      const count = typeof d.count === "number" ? ` (${d.count})` : "";
      label = `Wrote ${String(d.name)}${count}`;
    } else if (d.status === "started") {
      label = `Rendering ${MODALITY_LABEL[modality as Modality]?.toLowerCase() ?? "the answer"}…`;
    } else if (typeof d.step === "string") {
      label = `${STEP_LABEL[d.step] ?? d.step}…`;
    }
    return { ...p, modality, steps, fraction: Math.max(p.fraction, fraction), label };
  }
  return p;
}
