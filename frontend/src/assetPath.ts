/**
 * Tells Excalidraw where Atelier serves its fonts (see vite.config.ts). main.tsx runs this before it loads
 * anything of Excalidraw's: set any later, Excalidraw would already have listed its CDN's URLs.
 */

declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = import.meta.env.DEV
  ? `${import.meta.env.BASE_URL}node_modules/@excalidraw/excalidraw/dist/prod/`
  : `${import.meta.env.BASE_URL}excalidraw/`;

export {};
