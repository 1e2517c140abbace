/**
 * Builds the canvas into dist/, which Atelier's server serves: index.html at "/", everything else under /static/.
 *
 * Excalidraw draws text in its own fonts and, unless told otherwise, fetches them from a CDN. The plugins below
 * copy the package's font files into dist/excalidraw/fonts so the server hands them out itself (src/assetPath.ts
 * points window.EXCALIDRAW_ASSET_PATH at them), and point the CDN address Excalidraw keeps as a last resort at the
 * same folder. Without the second, every font face still lists the CDN, and the page's Content-Security-Policy
 * reports each one as a blocked request. With both, the page names no host but Atelier.
 */
import { cpSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const EXCALIDRAW_FONTS = fileURLToPath(
  new URL("./node_modules/@excalidraw/excalidraw/dist/prod/fonts", import.meta.url),
);

function excalidrawFonts(): Plugin {
  return {
    name: "atelier-excalidraw-fonts",
    apply: "build",
    writeBundle(options) {
      if (!existsSync(EXCALIDRAW_FONTS)) {
        throw new Error(`Excalidraw's fonts are missing at ${EXCALIDRAW_FONTS}; run npm ci`);
      }
      cpSync(EXCALIDRAW_FONTS, `${options.dir}/excalidraw/fonts`, { recursive: true });
    },
  };
}

// The one place Excalidraw 0.18 names its CDN: `ASSETS_FALLBACK_URL = \`https://esm.sh/${...}/dist/prod/\``.
const CDN_FALLBACK = /`https:\/\/esm\.sh\/\$\{.*?\}\/dist\/prod\/`/g;

function excalidrawFontFallback(): Plugin {
  let replaced = 0;
  return {
    name: "atelier-excalidraw-font-fallback",
    apply: "build",
    transform(code, id) {
      if (!id.includes("@excalidraw/excalidraw/dist/") || !code.includes("esm.sh")) return null;
      const out = code.replace(CDN_FALLBACK, () => {
        replaced += 1;
        return "`${window.location.origin}${window.EXCALIDRAW_ASSET_PATH}`";
      });
      return out === code ? null : { code: out, map: null };
    },
    buildEnd() {
      // A new Excalidraw release may move or rename it: fail loudly rather than quietly reach for the CDN.
      if (replaced !== 1) throw new Error(`expected to redirect Excalidraw's font CDN once, did ${replaced} times`);
    },
  };
}

// `npm run dev` serves the app with hot reload and passes API calls to a server started with scripts/serve.sh.
const API = process.env.ATELIER_API ?? "http://127.0.0.1:8000";
const apiPaths = ["/render", "/renders", "/boards", "/config", "/embed", "/oembed", "/healthz"];

export default defineConfig({
  base: "/static/",
  plugins: [react(), excalidrawFonts(), excalidrawFontFallback()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: API, changeOrigin: false }])),
  },
});
