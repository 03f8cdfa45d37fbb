// The manager's checklist 检查项目 (issue 17 §1 "its items configurable by the
// manager"): each item's names, kind (pass/fail, temperature, humidity), the
// limits of a measured one, its order and whether it is still asked. A
// retired item stays in past records; a new one is asked from the next
// checklist on. Each row saves on its own; the core checks the limits against
// what is physically possible (humidity 0–100 %).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qualityItemKinds, type QualityItem, type QualityItemKind } from '../../../shared/contract';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useNotify } from '../../components/toast/useNotify';

type Draft = {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: QualityItemKind;
  min: string;
  max: string;
  active: boolean;
  sort: string;
};

const draftOf = (i: QualityItem): Draft => ({
  code: i.code,
  nameZh: i.nameZh,
  nameEn: i.nameEn,
  kind: i.kind,
  min: i.min === null ? '' : String(i.min),
  max: i.max === null ? '' : String(i.max),
  active: i.active,
  sort: String(i.sort),
});
const blank: Draft = { code: '', nameZh: '', nameEn: '', kind: 'passFail', min: '', max: '', active: true, sort: '' };

export function ItemsView() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [rows, setRows] = useState<Draft[]>([]);
  const [adding, setAdding] = useState<Draft>(blank);
  const load = useCallback(async () => {
    try {
      setRows((await api.request('quality.items', {})).map(draftOf));
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('quality.changed', (e) => e.date === null && void load());

  const save = async (d: Draft, fresh: boolean) => {
    try {
      await api.request('quality.saveItem', {
        code: d.code.trim(),
        nameZh: d.nameZh,
        nameEn: d.nameEn || d.nameZh,
        kind: d.kind,
        ...(d.kind !== 'passFail' && d.min !== '' && { min: Number(d.min) }),
        ...(d.kind !== 'passFail' && d.max !== '' && { max: Number(d.max) }),
        active: d.active,
        ...(d.sort !== '' && { sort: Number(d.sort) }),
      });
      notify.success(t('quality:items.saved', { name: d.nameZh }));
      if (fresh) setAdding(blank);
      await load();
    } catch (e) {
      notify.error(e);
    }
  };
  const change = (i: number, patch: Partial<Draft>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const row = (d: Draft, set: (patch: Partial<Draft>) => void, fresh: boolean, testId: string) => (
    <tr key={fresh ? 'new' : d.code} data-testid={testId} className={d.active ? '' : 'quality-retired'}>
      <td>
        {fresh ? (
          <input
            value={d.code}
            maxLength={40}
            aria-label={t('quality:items.code')}
            onChange={(e) => set({ code: e.target.value })}
          />
        ) : (
          <span className="mono">{d.code}</span>
        )}
      </td>
      <td>
        <input
          value={d.nameZh}
          aria-label={t('quality:items.nameZh')}
          onChange={(e) => set({ nameZh: e.target.value })}
        />
      </td>
      <td>
        <input
          value={d.nameEn}
          aria-label={t('quality:items.nameEn')}
          onChange={(e) => set({ nameEn: e.target.value })}
        />
      </td>
      <td>
        <select
          value={d.kind}
          aria-label={t('quality:items.kind')}
          onChange={(e) => set({ kind: e.target.value as QualityItemKind })}
        >
          {qualityItemKinds.map((k) => (
            <option key={k} value={k}>
              {t(`quality:items.kinds.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {d.kind !== 'passFail' && (
          <span className="quality-limits">
            <input
              type="number"
              value={d.min}
              aria-label={t('quality:items.min')}
              onChange={(e) => set({ min: e.target.value })}
            />
            –
            <input
              type="number"
              value={d.max}
              aria-label={t('quality:items.max')}
              onChange={(e) => set({ max: e.target.value })}
            />
          </span>
        )}
      </td>
      <td>
        <input
          type="number"
          className="quality-sort"
          value={d.sort}
          aria-label={t('quality:items.sort')}
          onChange={(e) => set({ sort: e.target.value })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          checked={d.active}
          aria-label={t('quality:items.active')}
          onChange={(e) => set({ active: e.target.checked })}
        />
      </td>
      <td>
        <button type="button" className={fresh ? 'primary' : ''} onClick={() => void save(d, fresh)}>
          {t(fresh ? 'quality:items.add' : 'quality:items.save')}
        </button>
      </td>
    </tr>
  );

  return (
    <div className="quality-items" data-testid="quality-items">
      <p className="page-hint">{t('quality:items.hint')}</p>
      <table className="quality-items-table">
        <thead>
          <tr>
            <th>{t('quality:items.code')}</th>
            <th>{t('quality:items.nameZh')}</th>
            <th>{t('quality:items.nameEn')}</th>
            <th>{t('quality:items.kind')}</th>
            <th>{t('quality:items.limits')}</th>
            <th>{t('quality:items.sort')}</th>
            <th>{t('quality:items.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => row(d, (p) => change(i, p), false, `quality-item-${d.code}`))}
          {row(adding, (p) => setAdding((a) => ({ ...a, ...p })), true, 'quality-item-new')}
        </tbody>
      </table>
    </div>
  );
}
