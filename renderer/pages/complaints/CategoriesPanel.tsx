// The complaint categories, kept by the CS manager (issue 16 §1): add, rename,
// retire or restore; 'other' always stays.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintCategory } from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

export function CategoriesPanel({
  categories,
  onSaved,
}: {
  categories: ComplaintCategory[];
  onSaved(c: ComplaintCategory[]): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [edits, setEdits] = useState<Record<string, { nameZh: string; nameEn: string }>>({});
  const [added, setAdded] = useState({ code: '', nameZh: '', nameEn: '' });
  const save = async (c: { code: string; nameZh: string; nameEn: string; active: boolean }) => {
    try {
      onSaved(await api.request('complaints.saveCategory', c));
      notify.success(t('complaints:categories.saved'));
    } catch (e) {
      notify.error(e);
    }
  };
  const k = (x: string) => t(`complaints:categories.${x}`);
  return (
    <section className="card" data-testid="complaint-categories">
      <h2>{k('title')}</h2>
      <table className="lines">
        <thead>
          <tr>
            <th>{k('code')}</th>
            <th>{k('nameZh')}</th>
            <th>{k('nameEn')}</th>
            <th>{k('active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => {
            const e = edits[c.code] ?? { nameZh: c.nameZh, nameEn: c.nameEn };
            const set = (patch: Partial<typeof e>) => setEdits((x) => ({ ...x, [c.code]: { ...e, ...patch } }));
            return (
              <tr key={c.code} className={c.active ? '' : 'retired'}>
                <td className="mono">{c.code}</td>
                <td>
                  <input
                    value={e.nameZh}
                    onChange={(ev) => set({ nameZh: ev.target.value })}
                    aria-label={k('nameZh')}
                  />
                </td>
                <td>
                  <input
                    value={e.nameEn}
                    onChange={(ev) => set({ nameEn: ev.target.value })}
                    aria-label={k('nameEn')}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={c.active}
                    disabled={c.code === 'other'}
                    aria-label={k('active')}
                    onChange={(ev) => void save({ code: c.code, ...e, active: ev.target.checked })}
                  />
                </td>
                <td>
                  <button type="button" onClick={() => void save({ code: c.code, ...e, active: c.active })}>
                    {k('save')}
                  </button>
                </td>
              </tr>
            );
          })}
          <tr>
            <td>
              <input
                value={added.code}
                onChange={(e) => setAdded({ ...added, code: e.target.value })}
                aria-label={k('code')}
                data-testid="category-new-code"
              />
            </td>
            <td>
              <input
                value={added.nameZh}
                onChange={(e) => setAdded({ ...added, nameZh: e.target.value })}
                aria-label={k('nameZh')}
              />
            </td>
            <td>
              <input
                value={added.nameEn}
                onChange={(e) => setAdded({ ...added, nameEn: e.target.value })}
                aria-label={k('nameEn')}
              />
            </td>
            <td />
            <td>
              <button
                type="button"
                disabled={!added.code || !added.nameZh || !added.nameEn}
                onClick={() =>
                  void save({ ...added, active: true }).then(() => setAdded({ code: '', nameZh: '', nameEn: '' }))
                }
              >
                {k('add')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
