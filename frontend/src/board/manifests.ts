/** Manifests of the renders on the board, fetched once each and shared by the cards and the answer panel. */

import { useEffect, useSyncExternalStore } from "react";

import { getManifest } from "../api/config";
import type { Manifest } from "../api/types";

type Entry = { manifest?: Manifest; error?: string; loading?: boolean };
const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function rememberManifest(m: Manifest): void {
  cache.set(m.id, { manifest: m });
  emit();
}

async function loadManifest(id: string): Promise<Manifest> {
  const known = cache.get(id)?.manifest;
  if (known) return known;
  cache.set(id, { loading: true });
  emit();
  try {
    const manifest = await getManifest(id);
    cache.set(id, { manifest });
    return manifest;
  } catch (err) {
    cache.set(id, { error: (err as Error).message });
    throw err;
  } finally {
    emit();
  }
}

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
