import { describe, expect, it } from "vitest";

import type { RenderEvent } from "../src/api/render";
import { advance, initialProgress, type Progress } from "../src/board/progress";
import { modalities } from "./helpers";

const m = modalities();

/** The events a render of `modality` sends, as the server streams them: plan, render started, then its steps. */
function events(modality: string, steps: readonly string[]): RenderEvent[] {
  // File events name files (deck.pptx) or groups of them (slide previews); the other steps are render events.
  const isFile = (s: string) => /\.\w+$/.test(s) || s.endsWith(" previews");
  return [
    { event: "plan", data: { status: "started" } },
    { event: "plan", data: { status: "done", modality, title: "T", planner: "offline", rationale: "why" } },
    { event: "render", data: { status: "started", modality } },
    ...steps.map((s): RenderEvent => (isFile(s) ? { event: "file", data: { name: s } } : { event: "render", data: { step: s } })),
  ];
}

function run(list: RenderEvent[]): Progress[] {
  const out: Progress[] = [];
  let p = initialProgress();
  for (const e of list) out.push((p = advance(p, e, m)));
  return out;
}

describe("the progress bar", () => {
  it("rises with every step a render of each listed modality sends, and stops short of done", () => {
    for (const name of m.names) {
      const seen = run(events(name, m.steps(name))).map((p) => p.fraction);
      expect(seen, name).toEqual([...seen].sort((a, b) => a - b));
      const renderPart = seen.slice(3);
      expect(new Set(renderPart).size, name).toBe(renderPart.length); // each step moves the bar
      expect(seen[seen.length - 1], name).toBeLessThan(0.95);
      expect(seen[seen.length - 1], name).toBeGreaterThan(0.7);
    }
  });

  it("jumps past a step the render skips (a deck without pictures)", () => {
    const steps = m.steps("slides");
    const full = run(events("slides", steps));
    const skipped = run(events("slides", steps.slice(1)));
    expect(skipped[3].fraction).toBe(full[4].fraction); // "layout" is as far along either way
    expect(skipped[skipped.length - 1].fraction).toBe(full[full.length - 1].fraction);
  });

  it("says what is happening in the modality's own words, with the step count", () => {
    const seen = run(events("animation", m.steps("animation")));
    expect(seen[1].label).toBe("Planned an animation");
    expect(seen[2].label).toBe("Rendering the animation…");
    expect(seen[4].label).toBe(`Step 2 of ${m.steps("animation").length}: ${m.steps("animation")[1]}`);
    expect(seen[2].modality).toBe("animation");
  });

  it("counts the steps of a modality it has no card for", () => {
    const seen = run(events("star-map", m.steps("star-map")));
    expect(seen[seen.length - 1].label).toBe("Step 2 of 2: wrote map.png");
  });

  it("still moves for a modality the server did not list", () => {
    const seen = run(events("mystery", ["think", "draw", "out.png"]));
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBeGreaterThan(fractions[2]);
    expect(seen[1].label).toBe("Planned a mystery");
    expect(seen[seen.length - 1].label).toBe("Wrote out.png…");
  });
});
