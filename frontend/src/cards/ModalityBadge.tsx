import { useModalities } from "../components/modalities";

/** A modality's name in a coloured pill; the colour is its place in /config's list (grey for one not listed). */
export function ModalityBadge({ modality }: { modality: string }) {
  const modalities = useModalities();
  const tone = modalities.tone(modality);
  return (
    <span className="badge" data-tone={tone ?? "none"} data-modality={modality}>
      {modalities.labels(modality).name}
    </span>
  );
}
