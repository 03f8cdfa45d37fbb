// The keepers a planner can name as counters or recounters.
//
// The contract has no request that lists warehouse keepers for an operator or
// a keeper: `users.list` is for the administrator only. Until the core offers
// one, the choice is built from what a planner may read — the caller when they
// are a keeper, and the counters of earlier sessions — and any other keeper is
// named by their user number (the core refuses a user who is not a keeper:
// counts.counterNotKeeper).
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';

export type KeeperOption = { userId: number; name: string };

export function useKnownKeepers(): KeeperOption[] {
  const { session } = useSession();
  const [keepers, setKeepers] = useState<KeeperOption[]>(() =>
    hasRole(session, ['warehouseKeeper']) ? [{ userId: session.user.id, name: session.user.displayName }] : [],
  );
  useEffect(() => {
    let live = true;
    api
      .request('counts.list', { limit: 200 })
      .then((rows) => {
        if (!live) return;
        setKeepers((old) => {
          const byId = new Map(old.map((k) => [k.userId, k]));
          for (const r of rows)
            for (const c of r.counters)
              if (!byId.has(c.userId)) byId.set(c.userId, { userId: c.userId, name: c.userName });
          return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
        });
      })
      // Only a convenience: without it the user number still works.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return keepers;
}

/** "张仓管 (#4)" as shown in the picker; typing it, or just "4", names the keeper. */
export function keeperLabel(k: KeeperOption): string {
  return `${k.name} (#${k.userId})`;
}

export function parseKeeper(text: string, keepers: KeeperOption[]): number | null {
  const s = text.trim();
  if (!s) return null;
  const known = keepers.find((k) => keeperLabel(k) === s || k.name === s);
  if (known) return known.userId;
  const m = /^#?(\d{1,9})$/.exec(s);
  return m ? Number(m[1]) : null;
}
