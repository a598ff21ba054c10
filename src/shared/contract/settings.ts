import { z } from 'zod';
import { call, dateField, emptyInput, returns } from './define';

/** What reports print in their heading and how they order names (stored in the `settings` table). */
export interface ReportSettings {
  /** 单位名称, e.g. 西乡街道办事处; '' when not set. */
  officeName: string;
  /** 落款日期 'YYYY-MM-DD'; '' means the day the report is printed. */
  reportDate: string;
  /** 两字姓名排在同姓多字姓名之前 (王芳 before 王一凡). */
  shortNameFirst: boolean;
}

export interface ReportSettingsView extends ReportSettings {
  /** The date reports carry today: reportDate, or today when it is ''. */
  effectiveDate: string;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { officeName: '', reportDate: '', shortNameFirst: true };

export const reportSettingsInput = z.object({
  officeName: z.string().trim().max(40, '单位名称不能超过40字'),
  reportDate: z.union([z.literal(''), dateField('落款日期')]),
  shortNameFirst: z.boolean(),
});
export type ReportSettingsInput = z.input<typeof reportSettingsInput>;

/** 申诉: how many days after a month or period is finalised an appeal against its result may be filed. */
export interface AppealSettings {
  appealDays: number;
}

export const DEFAULT_APPEAL_DAYS = 15;

export const appealSettingsInput = z.object({
  appealDays: z.number({ error: '申诉期限应为天数' }).int('申诉期限应为整数天').min(1, '申诉期限至少1天').max(365, '申诉期限不能超过365天'),
});

export const settingsContract = {
  'settings.reports': call({ input: emptyInput, output: returns<ReportSettingsView>(), tx: 'read' }),
  'settings.saveReports': call({ input: reportSettingsInput, output: returns<ReportSettingsView>(), tx: 'write', roles: ['admin'] }),
  'settings.appeals': call({ input: emptyInput, output: returns<AppealSettings>(), tx: 'read' }),
  'settings.saveAppeals': call({ input: appealSettingsInput, output: returns<AppealSettings>(), tx: 'write', roles: ['admin'] }),
};
