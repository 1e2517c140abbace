import type { ReactNode } from "react";

import { ModalityBadge } from "./ModalityBadge";

/** The strip across the top of a card: what it is and what it is called. */
export function CardHeader({ modality, title, extra }: { modality?: string; title: string; extra?: ReactNode }) {
  return (
    <div className="card-header">
      {modality && <ModalityBadge modality={modality} />}
      <span className="card-title" title={title}>
        {title}
      </span>
      {extra}
    </div>
  );
}
