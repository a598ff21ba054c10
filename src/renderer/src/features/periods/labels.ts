/** How a period result reads on screen: its grade (or 不定等次) and its place against the 优秀 quota. */
import type { PeriodRow } from '../../../../shared/contract/periods';
import type { QuotaMark } from '../../../../shared/domain/periods';

export const gradeText = (r: Pick<PeriodRow, 'status' | 'grade'>): string => (r.status === 'undetermined' ? '不定等次' : (r.grade ?? ''));

export const QUOTA_MARKS: Record<QuotaMark, string> = { kept: '名额内', dropped: '名额外·降等', tie: '并列待定' };

export const LEAVE_UNSAVED = '有未保存的修改，离开将丢失这些修改。确定离开吗？';
