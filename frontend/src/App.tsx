/**
 * Finds the board to show (the one in the address, else the last one used, else the newest, else a new one),
 * follows the light/dark preference, and swaps boards when the user picks another.
 */

import { useCallback, useEffect, useState } from "react";

import { createBoard, getBoard, listBoards } from "./api/boards";
import { getConfig } from "./api/config";
import { signIn } from "./api/session";
import { ApiError } from "./api/http";
import type { Board, ServerConfig } from "./api/types";
import { Canvas } from "./components/Canvas";
import { usePreferredTheme } from "./theme";

const LAST_BOARD = "atelier.lastBoard";

async function resolveBoard(wanted: string | null): Promise<Board> {
  for (const id of [wanted, localStorage.getItem(LAST_BOARD)]) {
    if (!id) continue;
    try {
      return await getBoard(id);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  }
  const boards = await listBoards();
  return boards.length ? getBoard(boards[0].id) : createBoard("My board");
}

export function App() {
  const [config, setConfig] = useState<ServerConfig | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [theme, setTheme] = usePreferredTheme();

  const open = useCallback(async (id: string | null) => {
    try {
      const b = await resolveBoard(id);
      localStorage.setItem(LAST_BOARD, b.id);
      const url = new URL(window.location.href);
      url.searchParams.set("board", b.id);
      window.history.replaceState(null, "", url);
      document.title = `${b.name} · Atelier`;
      setBoard(b);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const config = await getConfig();
        // A server with an API token: sign in before the first API call, instead of failing it.
        if (config.access.token_required && !config.access.signed_in) await signIn();
        setConfig(config);
        await open(new URLSearchParams(window.location.search).get("board"));
      } catch (err) {
        setError((err as Error).message);
      }
    })();
  }, [open]);

  if (error) {
    return (
      <main className="boot-message" role="alert">
        <h1>Atelier</h1>
        <p>The board cannot be opened: {error}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (!board || !config) return <main className="boot-message" aria-busy="true">Opening your board…</main>;
  return (
    <Canvas
      key={board.id}
      board={board}
      config={config}
      theme={theme}
      onThemeChange={setTheme}
      onSwitchBoard={(id) => {
        setBoard(null);
        void open(id);
      }}
    />
  );
}
