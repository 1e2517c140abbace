/** What an empty board says: what Atelier does, and a few requests to start from (English and 繁體中文). */

import { WelcomeScreen } from "@excalidraw/excalidraw";

import type { Modalities } from "../board/modalities";

const EXAMPLES = [
  "Make slides: a five-minute introduction to our on-call rotation",
  "Infographic: 遠距工作的五個好習慣",
  "Whiteboard: how a pull request gets reviewed and merged",
  "A widget: a tip calculator that splits the bill",
  "An image of a lighthouse at dawn, watercolour",
];

export function WelcomeContent({ modalities, onExample }: { modalities: Modalities; onExample: (text: string) => void }) {
  return (
    <>
      <WelcomeScreen.Center>
        <WelcomeScreen.Center.Logo>
          <span className="welcome-logo">Atelier</span>
        </WelcomeScreen.Center.Logo>
        <WelcomeScreen.Center.Heading>
          Ask below for {modalities.nounHint()} Each answer lands on this board, ready to edit.
        </WelcomeScreen.Center.Heading>
        <WelcomeScreen.Center.Menu>
          {EXAMPLES.map((text) => (
            <WelcomeScreen.Center.MenuItem key={text} onSelect={() => onExample(text)}>
              {text}
            </WelcomeScreen.Center.MenuItem>
          ))}
        </WelcomeScreen.Center.Menu>
      </WelcomeScreen.Center>
      <WelcomeScreen.Hints.MenuHint />
      <WelcomeScreen.Hints.ToolbarHint />
      <WelcomeScreen.Hints.HelpHint />
    </>
  );
}
