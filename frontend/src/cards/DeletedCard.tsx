/** An answer whose render was deleted: the card stays where it was (the board still saves), and says what happened. */

import { CardHeader } from "./CardHeader";

export function DeletedCard({ renderId, modality }: { renderId: string; modality: string }) {
  return (
    <div className="card card-deleted" data-testid="deleted-card" data-render-id={renderId}>
      <CardHeader modality={modality} title="Render deleted" />
      <p className="card-body-text">
        This answer&apos;s render was deleted from the server, so there is nothing left to show. Delete the card, or
        ask again for a new answer.
      </p>
    </div>
  );
}
