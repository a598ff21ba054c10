/** The report settings, one key each in the `settings` table (absent keys take their defaults). */
import type { Database } from 'better-sqlite3';
import { DEFAULT_APPEAL_DAYS, DEFAULT_REPORT_SETTINGS, type AppealSettings, type ReportSettings, type ReportSettingsView } from '../../../shared/contract/settings';

const KEYS = {
  officeName: 'report.office_name',
  reportDate: 'report.date',
  shortNameFirst: 'report.short_name_first',
} as const;

export function readReportSettings(db: Database, today: string): ReportSettingsView {
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'report.%'").all() as { key: string; value: string }[];
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  const settings: ReportSettings = {
    officeName: get(KEYS.officeName) ?? DEFAULT_REPORT_SETTINGS.officeName,
    reportDate: get(KEYS.reportDate) ?? DEFAULT_REPORT_SETTINGS.reportDate,
    shortNameFirst: (get(KEYS.shortNameFirst) ?? (DEFAULT_REPORT_SETTINGS.shortNameFirst ? '1' : '0')) === '1',
  };
  return { ...settings, effectiveDate: settings.reportDate || today };
}

export function writeReportSettings(db: Database, settings: Partial<ReportSettings>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  if (settings.officeName !== undefined) upsert.run(KEYS.officeName, settings.officeName);
  if (settings.reportDate !== undefined) upsert.run(KEYS.reportDate, settings.reportDate);
  if (settings.shortNameFirst !== undefined) upsert.run(KEYS.shortNameFirst, settings.shortNameFirst ? '1' : '0');
}

const APPEAL_DAYS = 'appeal.days';

/** 申诉期限: the days after finalising an appeal may be filed (15 unless set). */
export function readAppealSettings(db: Database): AppealSettings {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(APPEAL_DAYS) as string | undefined;
  const days = Number(value);
  return { appealDays: value !== undefined && Number.isInteger(days) && days > 0 ? days : DEFAULT_APPEAL_DAYS };
}

export function writeAppealSettings(db: Database, settings: AppealSettings): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(APPEAL_DAYS, String(settings.appealDays));
}
