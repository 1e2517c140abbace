/** The server's modalities (board/modalities.ts), for every card, panel and bar inside the canvas. */

import { createContext, useContext } from "react";

import { Modalities } from "../board/modalities";

export const ModalitiesContext = createContext<Modalities>(new Modalities([]));

export const useModalities = (): Modalities => useContext(ModalitiesContext);
