// Off the road 停运 for a dispatch date with a reason, or back on it. The core
// refuses it while the vehicle has a trip that day (vehicles.hasTrip).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VehicleRow } from '../../../shared/contract';
import { api } from '../../api/client';
import { FormFailure } from '../../components/FormMessages';
import { TextField } from '../../components/TextField';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit } from '../../components/useFormSubmit';

export function OffRoadForm({
  vehicle,
  date,
  onSaved,
}: {
  vehicle: VehicleRow;
  date: string;
  onSaved(v: VehicleRow): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { formRef, failure, busy, onSubmit } = useFormSubmit();
  const [reason, setReason] = useState('');
  const off = vehicle.offRoad !== null;

  const submit = onSubmit(
    () => ({}),
    async () => {
      const saved = await api.request('vehicles.setOffRoad', {
        vehicleId: vehicle.id,
        date,
        off: !off,
        ...(!off && { reason: reason.trim() }),
      });
      notify.success(
        t(saved.offRoad ? 'dispatch:vehicles.offRoad.done' : 'dispatch:vehicles.offRoad.undone', {
          plate: saved.plate,
          date,
        }),
      );
      setReason('');
      onSaved(saved);
    },
  );

  return (
    <form ref={formRef} className="card" onSubmit={submit} noValidate data-testid="offroad-form">
      <h2>{t('dispatch:vehicles.offRoad.title', { plate: vehicle.plate, date })}</h2>
      {off ? (
        <p data-testid="offroad-state">{t('dispatch:vehicles.offRoad.isOff', { reason: vehicle.offRoad!.reason })}</p>
      ) : (
        <TextField
          label={t('dispatch:vehicles.offRoad.reason')}
          testId="offroad-reason"
          value={reason}
          onChange={setReason}
          wide
        />
      )}
      <FormFailure failure={failure} testId="offroad-error" />
      <button type="submit" className={off ? undefined : 'primary'} data-testid="offroad-toggle" disabled={busy}>
        {off ? t('dispatch:vehicles.offRoad.back') : t('dispatch:vehicles.offRoad.set')}
      </button>
    </form>
  );
}
