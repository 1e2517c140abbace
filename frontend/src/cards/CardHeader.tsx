import { MODALITY_LABEL, type Modality } from "../api/types";

/** The strip across the top of a card: what it is and what it is called. */
export function CardHeader({ modality, title, extra }: { modality?: Modality; title: string; extra?: React.ReactNode }) {
  return (
    <div className="card-header">
      {modality && <span className={`badge badge-${modality}`}>{MODALITY_LABEL[modality]}</span>}
      <span className="card-title" title={title}>
        {title}
      </span>
      {extra}
    </div>
  );
}
