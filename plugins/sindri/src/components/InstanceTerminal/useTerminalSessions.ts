import { useCallback, useEffect, useState } from 'react';
import { loadSessionIds, newSessionId, saveSessionIds } from './sessionIds';

interface Sessions {
  ids: string[];
  /** ended sessions stay as tabs until closed, but are not re-attached after a reload */
  ended: string[];
  active?: string;
}

function initial(instance: string): Sessions {
  const stored = loadSessionIds(instance);
  const ids = stored.length ? stored : [newSessionId()];
  return { ids, ended: [], active: ids[0] };
}

/** The terminal session tabs of one instance in this browser tab, kept in sessionStorage. */
export function useTerminalSessions(instance: string) {
  const [sessions, setSessions] = useState<Sessions>(() => initial(instance));

  useEffect(() => {
    saveSessionIds(
      instance,
      sessions.ids.filter(id => !sessions.ended.includes(id)),
    );
  }, [instance, sessions]);

  const add = useCallback(() => {
    const id = newSessionId();
    setSessions(s => ({ ...s, ids: [...s.ids, id], active: id }));
  }, []);

  const remove = useCallback((id: string) => {
    setSessions(s => {
      const index = s.ids.indexOf(id);
      const ids = s.ids.filter(other => other !== id);
      const active =
        s.active === id ? ids[Math.min(index, ids.length - 1)] : s.active;
      return { ids, ended: s.ended.filter(other => other !== id), active };
    });
  }, []);

  /** Replaces an ended session by a new one in the same tab. */
  const renew = useCallback((id: string) => {
    const fresh = newSessionId();
    setSessions(s => ({
      ids: s.ids.map(other => (other === id ? fresh : other)),
      ended: s.ended.filter(other => other !== id),
      active: s.active === id ? fresh : s.active,
    }));
  }, []);

  const markEnded = useCallback((id: string) => {
    setSessions(s =>
      s.ended.includes(id) || !s.ids.includes(id)
        ? s
        : { ...s, ended: [...s.ended, id] },
    );
  }, []);

  const select = useCallback(
    (id: string) => setSessions(s => ({ ...s, active: id })),
    [],
  );

  return {
    ids: sessions.ids,
    active: sessions.active,
    add,
    remove,
    renew,
    markEnded,
    select,
  };
}
