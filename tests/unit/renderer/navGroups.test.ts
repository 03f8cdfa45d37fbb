// The grouped navigation: each role sees its own pages under the department's headings.
import { describe, expect, it } from 'vitest';
import { navGroupsFor, navOrder, pagesFor } from '../../../renderer/app/routes';
import { roles } from '../../../shared/domain';

describe('navigation groups', () => {
  it('puts the role’s own page first, in the first group', () => {
    expect(navOrder(['warehouseKeeper'])[0]).toBe('station');
    expect(navOrder(['dispatcher'])[0]).toBe('dispatchBoard');
    expect(navOrder(['operator'])[0]).toBe('orders');
    expect(navOrder(['csManager'])[0]).toBe('dashboard');
    expect(navGroupsFor(['csManager'])[0]?.id).toBe('reports');
  });

  it('shows every page a role may open exactly once, and no group without pages', () => {
    for (const role of roles) {
      const groups = navGroupsFor([role]);
      expect(groups.every((g) => g.pages.length > 0)).toBe(true);
      expect([...navOrder([role])].sort()).toEqual([...pagesFor([role])].sort());
    }
  });

  it('hides the groups a role has nothing in', () => {
    expect(navGroupsFor(['warehouseKeeper']).map((g) => g.id)).not.toContain('system');
    expect(navGroupsFor(['admin']).map((g) => g.id)).toContain('system');
  });
});
