// The login screen's station line — 工位：Dock-2 [更改] — and, in a browser,
// naming this device's station (issue 15 §5): two keepers in two browsers of
// one host are two stations, each with its own task and owner. The name is
// kept in this browser (shared/station/stationName.ts) and sent with the
// station socket (a desktop window: with each request, electron/
// desktopStation.ts), so the page reloads to connect as that station.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalStationName, stationNameMaxLength } from '../../shared/station/stationName';
import { chosenStationName, keepStationName } from '../api/stationName';

/** Keep the name and connect again as that station (the socket carries it). */
function keep(name: string | null): void {
  keepStationName(name);
  location.reload();
}

export function StationName({ station }: { station: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(station);
  const [invalid, setInvalid] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const name = normalStationName(draft);
    if (name === null) {
      setInvalid(true);
      return;
    }
    keep(name);
  }

  if (!editing) {
    return (
      <span className="auth-station" data-testid="login-station">
        {t('common:topbar.station', { station })}
        <button
          type="button"
          className="link-button station-name-change"
          data-testid="station-name-change"
          onClick={() => {
            setDraft(station);
            setEditing(true);
          }}
        >
          {t('auth:station.change')}
        </button>
      </span>
    );
  }
  return (
    <form className="station-name-form" onSubmit={submit} data-testid="station-name-form" noValidate>
      <label className="field">
        <span className="field-label">{t('auth:station.label')}</span>
        <input
          autoFocus
          data-testid="station-name-input"
          value={draft}
          maxLength={stationNameMaxLength * 2}
          aria-invalid={invalid}
          onChange={(e) => {
            setDraft(e.target.value);
            setInvalid(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
        />
        <span className={invalid ? 'form-error' : 'field-hint'} role={invalid ? 'alert' : undefined}>
          {t(invalid ? 'auth:station.invalid' : 'auth:station.hint', { max: stationNameMaxLength })}
        </span>
      </label>
      <div className="station-name-actions">
        <button type="submit" className="primary" data-testid="station-name-save">
          {t('auth:station.save')}
        </button>
        {chosenStationName() !== null && (
          <button type="button" data-testid="station-name-reset" onClick={() => keep(null)}>
            {t('auth:station.useHost')}
          </button>
        )}
        <button type="button" onClick={() => setEditing(false)}>
          {t('auth:station.cancel')}
        </button>
      </div>
    </form>
  );
}
