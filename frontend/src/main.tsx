/**
 * Entry point. Excalidraw must learn where Atelier serves its fonts (assetPath.ts) before its own code runs,
 * and a bundle runs the chunks it imports before its own body; so this module sets the path and only then
 * loads the app, with a dynamic import.
 */

import "./assetPath";

void import("./boot");
