/** GET /config and GET /render/{id}: what the server offers, and a render's manifest. */

import { requestJson } from "./http";
import type { Manifest, ServerConfig } from "./types";

export const getConfig = () => requestJson<ServerConfig>("/config");

export const getManifest = (id: string) => requestJson<Manifest>(`/render/${encodeURIComponent(id)}`);
