/** GET /config and GET /render/{id}: what the server offers, and a render's manifest. */

import { fetchJson } from "./http";
import type { Manifest, ServerConfig } from "./types";

export const getConfig = () => fetchJson<ServerConfig>("/config");

export const getManifest = (id: string) => fetchJson<Manifest>(`/render/${encodeURIComponent(id)}`);
