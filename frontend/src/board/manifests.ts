/** Manifests of the renders on the board, fetched once each and shared by the cards and the answer panel. */

import { useEffect, useSyncExternalStore } from "react";

import { getManifest } from "../api/config";
import { ApiError } from "../api/http";
import type { Manifest } from "../api/types";

/** `gone`: the server has no such render any more (it was deleted); its card says so and the board keeps it. */
type Entry = { manifest?: Manifest; error?: string; loading?: boolean; gone?: boolean };
const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function rememberManifest(m: Manifest): void {
  cache.set(m.id, { manifest: m });
  emit();
}

export async function loadManifest(id: string): Promise<Manifest> {
  const known = cache.get(id)?.manifest;
  if (known) return known;
  cache.set(id, { loading: true });
  emit();
  try {
    const manifest = await getManifest(id);
    cache.set(id, { manifest });
    return manifest;
  } catch (err) {
    cache.set(id, { error: (err as Error).message, gone: err instanceof ApiError && err.status === 404 });
    throw err;
  } finally {
    emit();
  }
}

/** What is known about render `id` now (for code outside React). */
export const manifestEntry = (id: string): Entry | undefined => cache.get(id);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const EMPTY: Entry = {};

/** The manifest of render `id` (undefined while loading), fetching it on first use. */
export function useManifest(id: string | null | undefined): Entry {
  const entry = useSyncExternalStore(subscribe, () => (id ? cache.get(id) : undefined) ?? EMPTY);
  useEffect(() => {
    if (id && !cache.has(id)) loadManifest(id).catch(() => undefined);
  }, [id]);
  return entry;
}
