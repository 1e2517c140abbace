/** The shapes the server answers with (see server/manifest.py, server/routes/boards.py, server/routes/config.py). */

export type Modality = "slides" | "infographic" | "whiteboard" | "widget" | "image";

export const MODALITY_LABEL: Record<Modality, string> = {
  slides: "Slides",
  infographic: "Infographic",
  whiteboard: "Whiteboard",
  widget: "Widget",
  image: "Image",
};

export interface ManifestFile {
  name: string;
  media_type: string;
  role: "primary" | "export" | "preview" | "source" | string;
  bytes: number;
  url: string;
}

export interface RenderWarning {
  code: string;
  where?: string | null;
  detail: string;
}

export interface Manifest {
  id: string;
  created: string;
  modality: Modality;
  title: string;
  theme: string;
  planner: { name: string; rationale: string; alternatives: Modality[]; model?: string | null };
  files: ManifestFile[];
  warnings: RenderWarning[];
  timings_ms: { plan: number; render: number; total: number };
  details: Record<string, unknown>;
  /** Snippets for embedding the render elsewhere (absent for renders made by the CLI). */
  embed?: { url: string; oembed: string; width: number; height: number; sandbox: string; iframe: string; script: string } | null;
}

/** What the prompt bar sends to POST /render (and keeps with the board so "try as" can send it again). */
export interface RenderRequest {
  prompt?: string;
  content?: string;
  data?: string;
  modality?: Modality;
  planner?: "auto" | "offline" | "llm";
  theme?: string;
}

export interface ServerConfig {
  modalities: Modality[];
  planners: string[];
  themes: string[];
  default_theme: string;
  llm: { configured: boolean; model: string | null };
  limits: { max_prompt_chars: number; max_content_chars: number; max_body_bytes: number };
  access: { token_required: boolean; signed_in: boolean };
}

export interface BoardSummary {
  id: string;
  name: string;
  created: string;
  updated: string;
  version: number;
  answers: number;
}

export interface AnswerRef {
  request: string | null;
}

export interface SavedScene {
  elements: readonly Record<string, unknown>[];
  appState: Record<string, unknown>;
  files: Record<string, Record<string, unknown>>;
}

export interface Board extends Omit<BoardSummary, "answers"> {
  scene: SavedScene;
  answers: Record<string, AnswerRef>;
}
