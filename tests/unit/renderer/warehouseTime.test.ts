// Times show in the warehouse's time zone, not the browser's: a LAN station in
// another zone (or a CI machine in UTC) still reads the warehouse's 16:30.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/i18n/format';

const t = ((key: string) => key) as unknown as TFunction;

describe('dates and times in the warehouse zone', () => {
  it('shows 08:30 UTC as 16:30 in Asia/Shanghai whatever the machine zone', () => {
    const f = makeFormatters('en', t, 'Asia/Shanghai');
    expect(f.dateTime('2026-12-04T08:30:00.000Z')).toMatch(/12\/04\/2026,? 16:30/);
  });

  it('moves the date across midnight with the zone', () => {
    const f = makeFormatters('zh-CN', t, 'Asia/Shanghai');
    expect(f.dateTime('2026-12-04T17:10:00.000Z')).toMatch(/2026\/12\/05\s+01:10/);
  });
});
