/**
 * Jobs: renders in flight in this page, by job id, as a tiny store the progress cards subscribe to
 * (useSyncExternalStore). A job outlives its card being moved or the board re-rendering; it ends when its answer
 * replaces the card, or when the user removes the card.
 */

import { useSyncExternalStore } from "react";

import type { RenderRequest } from "../api/types";
import { initialProgress, type Progress } from "./progress";

export interface Job {
  id: string;
  request: RenderRequest;
  requestId: string | null;
  status: "running" | "failed";
  progress: Progress;
  error?: string;
  abort: AbortController;
}

const jobs = new Map<string, Job>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

let counter = 0;
export function newJobId(): string {
  counter += 1;
  return `job${Date.now().toString(36)}${counter}`;
}

export function startJob(id: string, request: RenderRequest): Job {
  const job: Job = { id, request, requestId: null, status: "running", progress: initialProgress(), abort: new AbortController() };
  jobs.set(id, job);
  emit();
  return job;
}

export function updateJob(id: string, change: Partial<Job>): void {
  const job = jobs.get(id);
  if (!job) return;
  jobs.set(id, { ...job, ...change });
  emit();
}

export function endJob(id: string): void {
  const job = jobs.get(id);
  if (!job) return;
  if (job.status === "running") job.abort.abort();
  jobs.delete(id);
  emit();
}

export const getJob = (id: string) => jobs.get(id);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useJob(id: string): Job | undefined {
  return useSyncExternalStore(subscribe, () => jobs.get(id));
}
