// The keepers a planner can name as counters or recounters (counts.keepers:
// active users with the warehouse keeper role), picked by name or user number.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

export type KeeperOption = { userId: number; name: string };

export function useKnownKeepers(): KeeperOption[] {
  const notify = useNotify();
  const [keepers, setKeepers] = useState<KeeperOption[]>([]);
  useEffect(() => {
    let live = true;
    api.request('counts.keepers', {}).then(
      (rows) => live && setKeepers(rows.map((k) => ({ userId: k.userId, name: k.displayName }))),
      (e: unknown) => live && notify.error(e),
    );
    return () => {
      live = false;
    };
  }, [notify]);
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
