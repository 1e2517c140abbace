/**
 * Which card an answer is shown on. /config names a card kind per modality; the render must also have what that
 * card shows (a scene, a picture, a video). When it has not, or the kind is one this app does not know, the answer
 * falls back to a picture of itself, and failing that to its embed page in a sandboxed frame, which every render
 * has: so any modality a server lists lands on the board.
 */

import type { CardKind, Manifest, ModalityInfo } from "../api/types";
import { pictureFile, sceneFile, videoFiles } from "./files";

const CARD_KINDS: readonly CardKind[] = ["scene", "picture", "deck", "widget", "video"];

const isCardKind = (s: unknown): s is CardKind => CARD_KINDS.includes(s as CardKind);

/** Whether the render has what a card of this kind shows. Decks show their slide previews when there are any,
 * and widgets (like the fallback) their embed page. */
function canShow(card: CardKind, m: Manifest): boolean {
  switch (card) {
    case "scene":
      return !!sceneFile(m);
    case "picture":
      return !!pictureFile(m);
    case "video":
      return videoFiles(m).length > 0;
    case "deck":
    case "widget":
      return true;
  }
}

export function chooseCard(m: Manifest, info: ModalityInfo | undefined): CardKind {
  const wanted = info?.card;
  if (isCardKind(wanted) && canShow(wanted, m)) return wanted;
  return pictureFile(m) ? "picture" : "widget";
}
