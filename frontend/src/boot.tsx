/** Mounts the app (loaded by main.tsx once Excalidraw's font location is set). */

import "@excalidraw/excalidraw/index.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
