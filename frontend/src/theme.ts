/** Light or dark: the system's preference, unless the user picked one in the board's menu (remembered). */

import { useCallback, useEffect, useState } from "react";

const KEY = "atelier.theme";
type Theme = "light" | "dark";

const query = () => window.matchMedia("(prefers-color-scheme: dark)");

export function usePreferredTheme(): [Theme, (t: Theme) => void] {
  const [system, setSystem] = useState<Theme>(() => (query().matches ? "dark" : "light"));
  const [chosen, setChosen] = useState<Theme | null>(() => {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : null;
  });

  useEffect(() => {
    const mq = query();
    const onChange = () => setSystem(mq.matches ? "dark" : "light");
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, []);

  const theme = chosen ?? system;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  const choose = useCallback(
    (t: Theme) => {
      if (t === theme) return;
      // Choosing the system's own theme again goes back to following the system.
      if (t === system) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, t);
      setChosen(t === system ? null : t);
    },
    [theme, system],
  );
  return [theme, choose];
}
