/**
 * Vitest runs the app's pure logic (progress, cards, modalities) in Node against test/config.fixture.json, the
 * /config the frontend expects: no browser, a second or so. The app's build config (vite.config.ts) is not needed.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
