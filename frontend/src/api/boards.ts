/** The board endpoints (server/routes/boards.py). */

import { requestJson } from "./http";
import type { AnswerRef, Board, BoardSummary, RenderRequest, SavedScene } from "./types";

export const listBoards = () => requestJson<BoardSummary[]>("/boards");

export const createBoard = (name: string) =>
  requestJson<Board>("/boards", { method: "POST", body: JSON.stringify({ name }) });

export const getBoard = (id: string) => requestJson<Board>(`/boards/${encodeURIComponent(id)}`);

export const renameBoard = (id: string, name: string) =>
  requestJson<BoardSummary>(`/boards/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ name }) });

export const deleteBoard = (id: string) =>
  requestJson<void>(`/boards/${encodeURIComponent(id)}`, { method: "DELETE" });

export function saveBoard(
  id: string,
  baseVersion: number,
  scene: SavedScene,
  answers: Record<string, AnswerRef>,
  keepalive = false,
) {
  return requestJson<BoardSummary>(`/boards/${encodeURIComponent(id)}`, {
    method: "PUT",
    body: JSON.stringify({ base_version: baseVersion, scene, answers }),
    keepalive,
  });
}

export const keepRequest = (boardId: string, request: RenderRequest) =>
  requestJson<{ id: string }>(`/boards/${encodeURIComponent(boardId)}/requests`, {
    method: "POST",
    body: JSON.stringify(request),
  });

export const getRequest = (boardId: string, requestId: string) =>
  requestJson<RenderRequest>(`/boards/${encodeURIComponent(boardId)}/requests/${encodeURIComponent(requestId)}`);
