// The causes of damage, kept by the CS manager (issue 13 §Damage 1): add,
// rename, retire or restore; 'other' always stays.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageCause } from '../../../shared/contract/damage';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

export function CausesPanel({ causes, onSaved }: { causes: DamageCause[]; onSaved(c: DamageCause[]): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [edits, setEdits] = useState<Record<string, { nameZh: string; nameEn: string }>>({});
  const [added, setAdded] = useState({ code: '', nameZh: '', nameEn: '' });
  const save = async (c: { code: string; nameZh: string; nameEn: string; active: boolean }) => {
    try {
      onSaved(await api.request('damage.saveCause', c));
      notify.success(t('damage:causes.saved', { code: c.code }));
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <section className="card" data-testid="damage-causes">
      <p className="page-hint">{t('damage:causes.hint')}</p>
      <table className="lines">
        <thead>
          <tr>
            <th>{t('damage:causes.code')}</th>
            <th>{t('damage:causes.nameZh')}</th>
            <th>{t('damage:causes.nameEn')}</th>
            <th>{t('damage:causes.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {causes.map((c) => {
            const e = edits[c.code] ?? { nameZh: c.nameZh, nameEn: c.nameEn };
            const set = (patch: Partial<typeof e>) => setEdits((x) => ({ ...x, [c.code]: { ...e, ...patch } }));
            return (
              <tr key={c.code} className={c.active ? '' : 'retired'}>
                <td className="mono">{c.code}</td>
                <td>
                  <input
                    value={e.nameZh}
                    onChange={(ev) => set({ nameZh: ev.target.value })}
                    aria-label={t('damage:causes.nameZh')}
                  />
                </td>
                <td>
                  <input
                    value={e.nameEn}
                    onChange={(ev) => set({ nameEn: ev.target.value })}
                    aria-label={t('damage:causes.nameEn')}
                  />
                </td>
                <td>{c.active ? t('damage:causes.active') : t('damage:causes.retired')}</td>
                <td>
                  <button type="button" onClick={() => void save({ code: c.code, ...e, active: c.active })}>
                    {t('damage:causes.save')}
                  </button>
                  {c.code !== 'other' && (
                    <button type="button" onClick={() => void save({ code: c.code, ...e, active: !c.active })}>
                      {c.active ? t('damage:causes.retire') : t('damage:causes.restore')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          <tr>
            <td>
              <input
                value={added.code}
                onChange={(e) => setAdded({ ...added, code: e.target.value })}
                aria-label={t('damage:causes.code')}
                data-testid="cause-new-code"
              />
            </td>
            <td>
              <input
                value={added.nameZh}
                onChange={(e) => setAdded({ ...added, nameZh: e.target.value })}
                aria-label={t('damage:causes.nameZh')}
              />
            </td>
            <td>
              <input
                value={added.nameEn}
                onChange={(e) => setAdded({ ...added, nameEn: e.target.value })}
                aria-label={t('damage:causes.nameEn')}
              />
            </td>
            <td />
            <td>
              <button
                type="button"
                onClick={() =>
                  void save({ ...added, active: true }).then(() => setAdded({ code: '', nameZh: '', nameEn: '' }))
                }
              >
                {t('damage:causes.add')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
