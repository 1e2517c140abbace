import { ModalityBadge } from "./ModalityBadge";

/** The strip across the top of a card: what it is and what it is called. */
export function CardHeader({ modality, title }: { modality?: string; title: string }) {
  return (
    <div className="card-header">
      {modality && <ModalityBadge modality={modality} />}
      <span className="card-title" title={title}>
        {title}
      </span>
    </div>
  );
}
