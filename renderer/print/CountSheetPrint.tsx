// 盘点表 Count sheets (issue 5): one sheet per zone, bins in walking order
// (by code), each bin with its label barcode; per line the product, unit, case
// pack, unit and case barcodes and an empty box for the counted quantity. The
// "bin done" and "undo last" command barcodes head every sheet so hands stay
// on the scanner. Blind: no book quantity — and never one the reply lacks.
// A planned session prints too, so keepers have their sheets when the plan is
// made: what the scope gives now, and the sheet says the snapshot decides.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountSheet, CountSheetLine } from '../../shared/contract/counts';
import type { LocationView } from '../../shared/contract/types';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { chainOf, countersText, indexLocations, isWithin, scopeSummary } from '../pages/counts/countText';
import { Barcode } from './Barcode';
import { PrintSheet, SignatureLines } from './PrintSheet';

type Bin = { code: string; name: string; lines: CountSheetLine[] };
type Sheet = { key: string; zoneCode: string; zoneName: string; bins: Bin[] };

export function CountSheetPrint({
  sessionId,
  locationId,
  onBack,
}: {
  sessionId: number;
  locationId: number | null;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session: me } = useSession();
  const [sheet, setSheet] = useState<CountSheet | null>(null);
  const [locations, setLocations] = useState<LocationView[]>([]);

  useEffect(() => {
    Promise.all([api.request('counts.sheet', { sessionId }), api.request('locations.list', {})]).then(
      ([s, l]) => {
        setSheet(s);
        setLocations(l);
      },
      (e: unknown) => notify.error(e),
    );
  }, [sessionId, notify]);

  const index = useMemo(() => indexLocations(locations), [locations]);
  const chosen = locationId !== null ? index.get(locationId) : undefined;

  // Zone sheets, bins by code inside them: the order a keeper walks the aisles.
  const sheets = useMemo<Sheet[]>(() => {
    if (!sheet) return [];
    const lines = sheet.lines.filter((l) => locationId === null || isWithin(l.locationId, locationId, index));
    const byZone = new Map<string, Sheet>();
    for (const l of [...lines].sort((a, b) => a.locationCode.localeCompare(b.locationCode))) {
      const chain = chainOf(l.locationId, index);
      const zone = chain.find((c) => c.kind === 'zone') ?? chain.find((c) => c.kind === 'warehouse');
      const key = zone ? String(zone.id) : '';
      let s = byZone.get(key);
      if (!s) {
        s = { key, zoneCode: zone?.code ?? '', zoneName: zone?.name ?? '', bins: [] };
        byZone.set(key, s);
      }
      let bin = s.bins.find((b) => b.code === l.locationCode);
      if (!bin) {
        bin = { code: l.locationCode, name: index.get(l.locationId)?.name ?? '', lines: [] };
        s.bins.push(bin);
      }
      bin.lines.push(l);
    }
    return [...byZone.values()].sort((a, b) => a.zoneCode.localeCompare(b.zoneCode));
  }, [sheet, locationId, index]);

  if (!sheet) return <div className="print-view" data-testid="count-sheet-print-loading" />;
  const s = sheet.session;
  // Blind: never a book figure, even when the caller could see it. Not blind: only what the core sent.
  const showBook = !s.blind && sheet.lines.some((l) => l.snapshotQty !== undefined);
  const counterFor = (zoneCode: string) =>
    s.counters
      .filter((c) => c.zoneCode === null || c.zoneCode === zoneCode)
      .map((c) => c.userName)
      .join(t('counts:scope.sep'));
  const meta = [
    { label: t('counts:print.scope'), value: scopeSummary(s.scope, index, t) },
    ...(chosen ? [{ label: t('counts:print.part'), value: `${chosen.code} ${chosen.name}` }] : []),
    { label: t('counts:print.counters'), value: countersText(s.counters, t) },
    { label: t('counts:print.blind'), value: s.blind ? t('counts:print.blindYes') : t('counts:print.blindNo') },
    ...(s.lockBins ? [{ label: t('counts:print.lock'), value: t('counts:print.lockYes') }] : []),
    {
      label: t('counts:print.lines'),
      value: f.qty(sheets.reduce((n, z) => n + z.bins.reduce((m, b) => m + b.lines.length, 0), 0)),
    },
  ];

  return (
    <PrintSheet
      title={t('counts:print.title')}
      number={s.number}
      meta={meta}
      printedBy={me.user.displayName}
      fileName={t('counts:print.fileName', { number: s.number })}
      onBack={onBack}
    >
      <div className="count-print" data-testid="count-sheet-print" data-from-plan={sheet.fromPlan || undefined}>
        {sheet.fromPlan && (
          <p className="count-print-plan" data-testid="count-sheet-print-plan">
            {t('counts:print.fromPlan')}
          </p>
        )}
        {sheets.length === 0 && (
          <p data-testid="count-sheet-print-empty">
            {sheet.fromPlan ? t('counts:print.emptyPlan') : t('counts:print.empty')}
          </p>
        )}
        {sheets.map((z, zi) => (
          <section key={z.key} className={zi === 0 ? 'count-print-sheet' : 'count-print-sheet count-print-break'}>
            <header className="count-print-head">
              <div className="count-print-zone-title">
                {t('counts:print.zone', { code: z.zoneCode, name: z.zoneName })}
              </div>
              <div className="count-print-zone-meta">
                {s.number} · {t('counts:print.counter', { name: counterFor(z.zoneCode) || '____________' })}
              </div>
              <div className="count-print-zone-meta">{t('counts:print.howTo')}</div>
            </header>
            {z.bins.map((b) => (
              <div key={b.code} className="count-print-bin" data-testid={`count-print-bin-${b.code}`}>
                <div className="count-print-bin-head">
                  <Barcode text={b.code} heightMm={9} className="barcode-bin" />
                  <div className="count-print-bin-label">
                    <div className="count-print-bin-code">{t('counts:print.bin', { code: b.code })}</div>
                    <div className="count-print-bin-name">{b.name}</div>
                    <div className="count-print-bin-done">{t('counts:print.binChecked')}</div>
                  </div>
                  {/* The command barcodes beside every bin: hands stay on the scanner. */}
                  <div className="count-print-cmd">
                    <Barcode text="CMD:DONE" heightMm={8} className="barcode-cmd" />
                    <span>{t('counts:print.cmdDone')}</span>
                  </div>
                  <div className="count-print-cmd">
                    <Barcode text="CMD:UNDO" heightMm={8} className="barcode-cmd" />
                    <span>{t('counts:print.cmdUndo')}</span>
                  </div>
                </div>
                <table className="print-table count-print-table">
                  <thead>
                    <tr>
                      <th className="cp-code">{t('counts:print.col.code')}</th>
                      <th>{t('counts:print.col.name')}</th>
                      <th className="cp-unit">{t('counts:print.col.unit')}</th>
                      <th className="cp-pack num">{t('counts:print.col.casePack')}</th>
                      <th className="cp-bc">{t('counts:print.col.unitBarcode')}</th>
                      <th className="cp-bc">{t('counts:print.col.caseBarcode')}</th>
                      {showBook && <th className="cp-book num">{t('counts:print.col.book')}</th>}
                      <th className="cp-count">{t('counts:print.col.counted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.lines.map((l) => (
                      <tr key={l.lineId}>
                        <td className="cp-code mono">
                          {l.productCode}
                          {l.replacedByCode && (
                            <div className="cp-old">{t('counts:print.oldCode', { code: l.replacedByCode })}</div>
                          )}
                        </td>
                        <td>
                          {f.productName(l.productNameZh, l.productNameEn)}
                          {l.status !== 'good' && (
                            <span className="cp-status"> · {t(`domain:status.${l.status}`)}</span>
                          )}
                          {!l.expected && <span className="cp-status"> · {t('counts:sheet.unexpected')}</span>}
                        </td>
                        <td className="cp-unit">{l.unit}</td>
                        <td className="cp-pack num">{f.qty(l.casePack)}</td>
                        <td className="cp-bc">
                          {l.unitBarcode ? (
                            <Barcode text={l.unitBarcode} heightMm={6} className="barcode-small" />
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className="cp-bc">
                          {l.caseBarcode ? (
                            <Barcode text={l.caseBarcode} heightMm={6} className="barcode-small" />
                          ) : (
                            '—'
                          )}
                        </td>
                        {showBook && <td className="cp-book num">{f.qty(l.snapshotQty)}</td>}
                        <td className="cp-count print-blank" />
                      </tr>
                    ))}
                    {/* Room for goods found where the book did not expect them. */}
                    <tr className="cp-extra">
                      <td colSpan={showBook ? 8 : 7}>{t('counts:print.extra')}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            ))}
          </section>
        ))}
        <SignatureLines roles={[t('domain:role.warehouseKeeper'), t('domain:role.operator')]} />
      </div>
    </PrintSheet>
  );
}
