/** fetch with the server's error shape turned into readable exceptions: `{detail}` bodies become the message. */

import { withSession } from "./session";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The message a person should read for a failed response, from its JSON `detail` when there is one. */
export async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const detail = (JSON.parse(text) as { detail?: unknown } | null)?.detail;
    if (typeof detail === "string") return detail;
    // FastAPI's validation errors: a list of {loc, msg, type}.
    if (Array.isArray(detail)) return detail.map((d: { msg?: unknown }) => (typeof d?.msg === "string" ? d.msg : JSON.stringify(d))).join("; ");
  } catch {
    /* not JSON: fall through */
  }
  return text.trim().slice(0, 300) || `${res.status} ${res.statusText}`;
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  return withSession(() => requestOnce<T>(url, init));
}

async function requestOnce<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("Atelier's server cannot be reached; is it still running?", 0);
  }
  if (!res.ok) throw new ApiError(await errorMessage(res), res.status);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
