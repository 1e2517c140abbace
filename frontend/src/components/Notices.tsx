/** Messages that belong to no card (a "try as" that could not start, pictures that did not load). */

import { useCallback, useState } from "react";

export interface Notice {
  id: number;
  text: string;
}

let next = 1;

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((text: string) => setNotices((ns) => [...ns.slice(-3), { id: next++, text }]), []);
  const dismiss = useCallback((id: number) => setNotices((ns) => ns.filter((n) => n.id !== id)), []);
  return { notices, notify, dismiss };
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  if (!notices.length) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((n) => (
        <div key={n.id} className="notice">
          <span>{n.text}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
