/** The board's name and save state, and the menu to switch, make, rename or delete boards. */

import { useEffect, useRef, useState } from "react";

import { createBoard, deleteBoard, listBoards, renameBoard } from "../api/boards";
import type { BoardSummary } from "../api/types";
import type { SaveStatus } from "../board/persistence";

const STATUS_TEXT: Record<SaveStatus["state"], string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  conflict: "Changed elsewhere",
};

export function BoardMenu({
  board,
  status,
  onSwitch,
  onRenamed,
}: {
  board: { id: string; name: string };
  status: SaveStatus;
  onSwitch: (id: string) => void;
  onRenamed: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [boards, setBoards] = useState<BoardSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    listBoards().then(setBoards, (e: Error) => setProblem(e.message));
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("pointerdown", onDown);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", onDown);
      window.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function act(fn: () => Promise<void>) {
    try {
      setProblem(null);
      await fn();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  const detail = status.state === "error" || status.state === "conflict" ? status.message : undefined;
  return (
    <div className="board-menu" ref={root}>
      <span className={`save-status save-${status.state}`} data-testid="save-status" data-state={status.state} title={detail} role="status">
        {STATUS_TEXT[status.state]}
      </span>
      <button type="button" className="board-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="board-button">
        <span className="board-name">{board.name}</span> ▾
      </button>
      {open && (
        <div className="board-popover" role="menu" aria-label="Boards">
          <ul className="board-list">
            {boards === null && !problem && <li className="muted">Loading…</li>}
            {boards?.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={b.id === board.id}
                  onClick={() => {
                    setOpen(false);
                    if (b.id !== board.id) onSwitch(b.id);
                  }}
                >
                  <span className="board-name">{b.name}</span>
                  <span className="muted">{b.answers} answer{b.answers === 1 ? "" : "s"}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="board-popover-actions">
            <button
              type="button"
              role="menuitem"
              onClick={() =>
                act(async () => {
                  const name = window.prompt("Name the new board", "New board");
                  if (name === null) return;
                  const created = await createBoard(name.trim() || "New board");
                  setOpen(false);
                  onSwitch(created.id);
                })
              }
            >
              New board
            </button>
            <button
              type="button"
              role="menuitem"
              onClick={() =>
                act(async () => {
                  const name = window.prompt("Rename this board", board.name);
                  if (name === null || !name.trim()) return;
                  const renamed = await renameBoard(board.id, name.trim());
                  onRenamed(renamed.name);
                  setBoards((bs) => bs?.map((b) => (b.id === board.id ? { ...b, name: renamed.name } : b)) ?? null);
                })
              }
            >
              Rename
            </button>
            <button
              type="button"
              role="menuitem"
              className="danger"
              onClick={() =>
                act(async () => {
                  if (!window.confirm(`Delete the board “${board.name}”? Its renders stay on the server.`)) return;
                  await deleteBoard(board.id);
                  const rest = (await listBoards()).filter((b) => b.id !== board.id);
                  const next = rest[0] ?? (await createBoard("My board"));
                  setOpen(false);
                  onSwitch(next.id);
                })
              }
            >
              Delete
            </button>
          </div>
          {problem && <p className="prompt-problem" role="alert">{problem}</p>}
        </div>
      )}
    </div>
  );
}
