// The board's two small dialogs, keyboard first: "to which trip" (type a plate
// or a trip number, Enter) for the selected orders, and "new trip" (a vehicle
// and its departure time).
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TripLane, VehicleRow } from '../../../shared/contract/dispatch';
import { findTrip } from './boardState';

function Modal({
  testId,
  title,
  onClose,
  children,
}: {
  testId: string;
  title: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={testId}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

export function TripPrompt({
  trips,
  count,
  onPick,
  onClose,
}: {
  trips: readonly TripLane[];
  count: number;
  onPick(trip: TripLane): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);
  const match = useMemo(() => findTrip(trips, typed), [trips, typed]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (match) onPick(match);
    else setMissing(true);
  };
  return (
    <Modal testId="trip-prompt" title={t('dispatch:prompt.title', { n: count })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">{t('dispatch:prompt.label')}</span>
          <input
            autoFocus
            list="trip-prompt-list"
            data-testid="trip-prompt-input"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setMissing(false);
            }}
          />
          <datalist id="trip-prompt-list">
            {trips.map((trip) => (
              <option key={trip.id} value={trip.number}>
                {trip.plate} · {trip.driverName}
              </option>
            ))}
          </datalist>
        </label>
        <p className={missing ? 'form-error' : 'muted'} data-testid="trip-prompt-match" role="status">
          {match
            ? t('dispatch:prompt.match', { plate: match.plate, number: match.number, driver: match.driverName })
            : missing
              ? t('dispatch:prompt.noMatch')
              : t('dispatch:prompt.hint')}
        </p>
        <div className="dialog-actions toolbar">
          <button type="submit" className="primary" data-testid="trip-prompt-submit">
            {t('dispatch:prompt.assign')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common:actions.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function NewTripDialog({
  vehicles,
  trips,
  onCreate,
  onClose,
}: {
  vehicles: readonly VehicleRow[];
  trips: readonly TripLane[];
  onCreate(input: { vehicleId: number; departTime?: string }): Promise<boolean>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  // Vehicles without a trip yet first: a second run comes after every vehicle has a first.
  const sorted = useMemo(() => {
    const runs = new Map<number, number>();
    for (const trip of trips) runs.set(trip.vehicleId, (runs.get(trip.vehicleId) ?? 0) + 1);
    return [...vehicles]
      .filter((v) => v.active && !v.offRoad)
      .sort((a, b) => (runs.get(a.id) ?? 0) - (runs.get(b.id) ?? 0) || a.plate.localeCompare(b.plate))
      .map((v) => ({ v, runs: runs.get(v.id) ?? 0 }));
  }, [vehicles, trips]);
  const [vehicleId, setVehicleId] = useState<number | null>(sorted[0]?.v.id ?? null);
  const [departTime, setDepartTime] = useState('07:00');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (vehicleId === null || busy) return;
    setBusy(true);
    const ok = await onCreate({ vehicleId, departTime: departTime || undefined });
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal testId="new-trip" title={t('dispatch:newTrip.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">{t('dispatch:newTrip.vehicle')}</span>
          <select
            autoFocus
            data-testid="new-trip-vehicle"
            value={vehicleId ?? ''}
            onChange={(e) => setVehicleId(Number(e.target.value))}
          >
            {sorted.map(({ v, runs }) => (
              <option key={v.id} value={v.id}>
                {t('dispatch:newTrip.vehicleOption', {
                  plate: v.plate,
                  type: v.vehicleType,
                  driver: v.driverName,
                  cases: v.capacityCases,
                  kg: v.capacityKg,
                })}
                {runs > 0 ? ` · ${t('dispatch:newTrip.runs', { n: runs })}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('dispatch:newTrip.departTime')}</span>
          <input
            type="time"
            data-testid="new-trip-time"
            value={departTime}
            onChange={(e) => setDepartTime(e.target.value)}
          />
        </label>
        <div className="dialog-actions toolbar">
          <button type="submit" className="primary" data-testid="new-trip-submit" disabled={busy || vehicleId === null}>
            {t('dispatch:newTrip.create')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common:actions.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
