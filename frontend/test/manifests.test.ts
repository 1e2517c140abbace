import { afterEach, describe, expect, it, vi } from "vitest";

import { loadManifest, manifestEntry } from "../src/board/manifests";

const answer = (status: number, body: unknown) =>
  vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })));

afterEach(() => vi.unstubAllGlobals());

describe("a render on the board that the server no longer has", () => {
  it("is marked gone, so its card says it was deleted", async () => {
    vi.stubGlobal("fetch", answer(404, { detail: "no render with id 'aaaaaaaaaaaaaaaa'" }));
    await expect(loadManifest("aaaaaaaaaaaaaaaa")).rejects.toThrow("no render");
    expect(manifestEntry("aaaaaaaaaaaaaaaa")).toMatchObject({ gone: true });
  });

  it("is not marked gone when the server merely failed", async () => {
    vi.stubGlobal("fetch", answer(503, { detail: "busy" }));
    await expect(loadManifest("bbbbbbbbbbbbbbbb")).rejects.toThrow("busy");
    expect(manifestEntry("bbbbbbbbbbbbbbbb")).toMatchObject({ gone: false, error: "busy" });
  });
});
