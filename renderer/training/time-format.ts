import type { TFunction } from 'i18next';
import { formatNumber } from '../../app/tensor/format-number';

/** Seconds as people read a stopwatch, in the user's language: "8.4 s", "2 min 05 s" (8.4 秒, 2 分 05 秒). */
export function formatSeconds(t: TFunction<'training'>, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return t('time.seconds', { seconds: formatNumber(Math.round(seconds * 10) / 10) });
  const whole = Math.round(seconds);
  return t('time.minutes', { minutes: Math.floor(whole / 60), seconds: String(whole % 60).padStart(2, '0') });
}
