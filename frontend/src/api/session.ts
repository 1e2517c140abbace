/**
 * A server with ATELIER_API_TOKEN answers 401 until this browser proves it has the token. We ask the person once,
 * trade the token for an HttpOnly same-site cookie (POST /session), and retry: from then on every request of this
 * page, its widget frames and its pictures included, carries the cookie; the token itself is never stored by us.
 */

import { ApiError, errorMessage } from "./http";

let signingIn: Promise<void> | null = null;

async function openSession(): Promise<void> {
  const token = window.prompt("This Atelier server needs its API token (ATELIER_API_TOKEN):");
  if (!token) throw new ApiError("this server needs an API token; reload the page to enter it", 401);
  const res = await fetch("/session", { method: "POST", headers: { authorization: `Bearer ${token.trim()}` } });
  if (!res.ok) throw new ApiError(await errorMessage(res), res.status);
}

/** Asks for the token and opens the session, once for every caller waiting at the same time. */
export function signIn(): Promise<void> {
  signingIn ??= openSession().finally(() => {
    signingIn = null;
  });
  return signingIn;
}

/** Runs `call`; when the server wants the token (the session expired or was never opened), signs in and retries. */
export async function withSession<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    await signIn();
    return call();
  }
}
