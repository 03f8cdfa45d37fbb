// A vehicle added or changed: plate, type, capacity in cases, kg and litres,
// home area, driver and phone, active. Empty for a new vehicle; the selected
// row's values to change it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VehicleRow } from '../../../shared/contract';
import { api } from '../../api/client';
import { FormFailure } from '../../components/FormMessages';
import { TextField } from '../../components/TextField';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit } from '../../components/useFormSubmit';

type Draft = {
  plate: string;
  vehicleType: string;
  capacityCases: string;
  capacityKg: string;
  capacityL: string;
  area: string;
  driverName: string;
  driverPhone: string;
  active: boolean;
};
const empty: Draft = {
  plate: '',
  vehicleType: '',
  capacityCases: '',
  capacityKg: '',
  capacityL: '',
  area: '',
  driverName: '',
  driverPhone: '',
  active: true,
};

function draftOf(v: VehicleRow | null): Draft {
  if (!v) return empty;
  return {
    plate: v.plate,
    vehicleType: v.vehicleType,
    capacityCases: String(v.capacityCases),
    capacityKg: String(v.capacityKg),
    capacityL: v.capacityL === null ? '' : String(v.capacityL),
    area: v.area,
    driverName: v.driverName,
    driverPhone: v.driverPhone,
    active: v.active,
  };
}

const whole = (s: string) => (/^\d+$/.test(s.trim()) && Number(s) > 0 ? Number(s) : null);

function validate(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.plate.trim()) e.plate = 'dispatch:vehicles.invalid.plate';
  if (!d.driverName.trim()) e.driverName = 'dispatch:vehicles.invalid.driverName';
  if (whole(d.capacityCases) === null) e.capacityCases = 'dispatch:vehicles.invalid.positive';
  if (whole(d.capacityKg) === null) e.capacityKg = 'dispatch:vehicles.invalid.positive';
  if (d.capacityL.trim() && whole(d.capacityL) === null) e.capacityL = 'dispatch:vehicles.invalid.positive';
  return e;
}

export function VehicleForm({ vehicle, onSaved }: { vehicle: VehicleRow | null; onSaved(v: VehicleRow): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { formRef, errors, setErrors, failure, setFailure, busy, onSubmit } = useFormSubmit();
  const [draft, setDraft] = useState<Draft>(() => draftOf(vehicle));
  useEffect(() => {
    setDraft(draftOf(vehicle));
    setErrors({});
    setFailure(null);
  }, [vehicle, setErrors, setFailure]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== k)));
  };

  const submit = onSubmit(
    () => validate(draft),
    async () => {
      const saved = await api.request('vehicles.save', {
        ...(vehicle && { id: vehicle.id }),
        plate: draft.plate.trim(),
        vehicleType: draft.vehicleType.trim(),
        capacityCases: whole(draft.capacityCases)!,
        capacityKg: whole(draft.capacityKg)!,
        capacityL: draft.capacityL.trim() ? whole(draft.capacityL) : null,
        area: draft.area.trim(),
        driverName: draft.driverName.trim(),
        driverPhone: draft.driverPhone.trim(),
        active: draft.active,
      });
      notify.success(t('dispatch:vehicles.saved', { plate: saved.plate }));
      if (!vehicle) setDraft(empty);
      onSaved(saved);
    },
  );

  const field = (k: Exclude<keyof Draft, 'active'>, numeric = false) => (
    <TextField
      label={t(`dispatch:vehicles.col.${k}`)}
      testId={`vehicle-${k}`}
      value={draft[k]}
      error={errors[k]}
      input={numeric ? { inputMode: 'numeric' } : {}}
      onChange={(v) => set(k, v)}
    />
  );

  return (
    <form ref={formRef} className="card" onSubmit={submit} noValidate data-testid="vehicle-form">
      <h2>
        {vehicle
          ? t('dispatch:vehicles.form.editTitle', { plate: vehicle.plate })
          : t('dispatch:vehicles.form.newTitle')}
      </h2>
      {field('plate')}
      {field('vehicleType')}
      {field('capacityCases', true)}
      {field('capacityKg', true)}
      {field('capacityL', true)}
      {field('area')}
      {field('driverName')}
      {field('driverPhone')}
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="vehicle-active"
          checked={draft.active}
          onChange={(e) => set('active', e.target.checked)}
        />
        {t('dispatch:vehicles.col.active')}
      </label>
      <FormFailure failure={failure} testId="vehicle-error" />
      <button type="submit" className="primary big" data-testid="vehicle-save" disabled={busy}>
        {vehicle ? t('dispatch:vehicles.form.save') : t('dispatch:vehicles.form.add')}
      </button>
    </form>
  );
}
