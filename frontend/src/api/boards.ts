/** The board endpoints (server/routes/boards.py). */

import { fetchJson } from "./http";
import type { AnswerRef, Board, BoardSummary, KeptRequest, SavedRequest, SavedScene } from "./types";

export const listBoards = () => fetchJson<BoardSummary[]>("/boards");

export const createBoard = (name: string) =>
  fetchJson<Board>("/boards", { method: "POST", body: JSON.stringify({ name }) });

export const getBoard = (id: string) => fetchJson<Board>(`/boards/${encodeURIComponent(id)}`);

export const renameBoard = (id: string, name: string) =>
  fetchJson<BoardSummary>(`/boards/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ name }) });

export const deleteBoard = (id: string) =>
  fetchJson<void>(`/boards/${encodeURIComponent(id)}`, { method: "DELETE" });

export function saveBoard(
  id: string,
  baseVersion: number,
  scene: SavedScene,
  answers: Record<string, AnswerRef>,
  keepalive = false,
) {
  return fetchJson<BoardSummary>(`/boards/${encodeURIComponent(id)}`, {
    method: "PUT",
    body: JSON.stringify({ base_version: baseVersion, scene, answers }),
    keepalive,
  });
}

export const keepRequest = (boardId: string, request: SavedRequest) =>
  fetchJson<KeptRequest>(`/boards/${encodeURIComponent(boardId)}/requests`, {
    method: "POST",
    body: JSON.stringify(request),
  });

export const getRequest = (boardId: string, requestId: string) =>
  fetchJson<SavedRequest>(`/boards/${encodeURIComponent(boardId)}/requests/${encodeURIComponent(requestId)}`);
