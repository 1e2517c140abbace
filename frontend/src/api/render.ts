/** POST /render as a stream of progress events (plan, render, file) that ends with the manifest or an error. */

import { ApiError, errorMessage } from "./http";
import { withSession } from "./session";
import { SseParser } from "./sse";
import type { Manifest, RenderRequest } from "./types";

export type RenderEvent =
  | { event: "plan"; data: { status?: string; modality?: string; title?: string; planner?: string; rationale?: string; [k: string]: unknown } }
  | { event: "render"; data: { status?: string; step?: string; modality?: string; [k: string]: unknown } }
  | { event: "file"; data: { name: string; count?: number } }
  | { event: string; data: Record<string, unknown> };

/** Runs a render, calling `onEvent` for each progress event; resolves with the manifest, rejects with ApiError. */
export async function streamRender(
  request: RenderRequest,
  onEvent: (e: RenderEvent) => void,
  signal?: AbortSignal,
): Promise<Manifest> {
  return withSession(() => streamOnce(request, onEvent, signal));
}

async function streamOnce(
  request: RenderRequest,
  onEvent: (e: RenderEvent) => void,
  signal?: AbortSignal,
): Promise<Manifest> {
  let res: Response;
  try {
    res = await fetch("/render", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(request),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("Atelier's server cannot be reached; is it still running?", 0);
  }
  if (!res.ok) throw new ApiError(await errorMessage(res), res.status);
  if (!res.body) throw new ApiError("the server sent no progress stream", 502);

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const e of parser.push(value)) {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(e.data) as Record<string, unknown>;
      } catch {
        continue; // a line we cannot read is not worth failing a render for
      }
      if (e.event === "manifest") return data as unknown as Manifest;
      if (e.event === "error") {
        throw new ApiError(typeof data.detail === "string" ? data.detail : "the render failed", Number(data.status ?? 500));
      }
      onEvent({ event: e.event, data });
    }
  }
  throw new ApiError("the server closed the progress stream before the render finished", 502);
}
