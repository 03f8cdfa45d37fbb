// Numbers, money, dates and durations through Intl in the active language
// (GUIDE; the number formats themselves: shared/text/numberFormats.ts).
// Quantities are whole base units; money is integer fen.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormats } from '../../shared/text/numberFormats';

export type Formatters = {
  locale: string;
  /** The warehouse's time zone, for any other Intl.DateTimeFormat a screen makes. */
  timeZone: string | undefined;
  /** A quantity: integer, grouped ("12,480"). */
  qty(n: number | null | undefined): string;
  /** Money from integer fen: "¥1,234.50". */
  money(fen: number | null | undefined): string;
  /** An ISO instant as local date and time. */
  dateTime(iso: string | null | undefined): string;
  /** Minutes as "1 h 35 min" / "1小时35分钟". */
  duration(minutes: number | null | undefined): string;
  /** A product's name in the active language (English falls back to Chinese). */
  productName(nameZh: string, nameEn: string | null | undefined): string;
};

/**
 * The warehouse's time zone, from setup.status at start. Times show in it, not
 * in the zone of the browser or the machine a LAN station runs on: 16:30 is the
 * warehouse's cut-off wherever the screen is. Undefined until known (the
 * browser's zone, as before).
 */
let warehouseTimeZone: string | undefined;

export function setWarehouseTimeZone(timeZone: string | undefined): void {
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    warehouseTimeZone = timeZone;
  } catch {
    // An unknown zone name: keep the browser's rather than fail every screen.
  }
}

/** The calendar day of `at` in the warehouse's zone, 'YYYY-MM-DD': today's orders, tomorrow's dispatch. */
export function warehouseDay(at: Date = new Date()): string {
  return at.toLocaleDateString('en-CA', {
    timeZone: warehouseTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
}

export function makeFormatters(locale: string, t: TFunction, timeZone = warehouseTimeZone): Formatters {
  const f = numberFormats(locale, timeZone);
  return {
    locale,
    timeZone,
    qty: (n) => (n === null || n === undefined ? '' : f.qty(n)),
    money: (fen) => (fen === null || fen === undefined ? '' : f.money(fen)),
    dateTime: (iso) => {
      if (!iso) return '';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : f.dateTime(d);
    },
    duration: (minutes) => {
      if (minutes === null || minutes === undefined) return '';
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      if (h === 0) return t('common:duration.minutes', { m });
      if (m === 0) return t('common:duration.hours', { h });
      return t('common:duration.hoursMinutes', { h, m });
    },
    productName: (nameZh, nameEn) => (locale === 'en' && nameEn ? nameEn : nameZh),
  };
}

export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => makeFormatters(locale, t), [locale, t]);
}

/** Today's business date 'YYYY-MM-DD' in the warehouse's time zone (the browser's until it is known). */
export function warehouseToday(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: warehouseTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
