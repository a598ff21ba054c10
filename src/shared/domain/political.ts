/**
 * 政治面貌, kept as written (a 中共预备党员 is not reduced to "党员"): the thirteen values of the national standard
 * (GB/T 4762, as 登记表 and personnel files write them) and the ways offices commonly write them. A 中共预备党员 is a
 * probationary member, not a full 中共党员: any rule that asks for party membership must say which it means.
 */

export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;

export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
/** '' when not known (never guessed). */
export type PoliticalStatusOrNone = PoliticalStatus | '';

/** Other ways of writing each value (spaces and full-width letters are removed before looking up). */
const VARIANTS: Record<string, PoliticalStatus> = {
  党员: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  中共正式党员: '中共党员',
  正式党员: '中共党员',
  预备党员: '中共预备党员',
  中国共产党预备党员: '中共预备党员',
  团员: '共青团员',
  共青团: '共青团员',
  中国共产主义青年团团员: '共青团员',
  民革: '民革党员',
  民革会员: '民革党员',
  中国国民党革命委员会会员: '民革党员',
  民盟: '民盟盟员',
  中国民主同盟盟员: '民盟盟员',
  民建: '民建会员',
  中国民主建国会会员: '民建会员',
  民进: '民进会员',
  中国民主促进会会员: '民进会员',
  农工党: '农工党党员',
  中国农工民主党党员: '农工党党员',
  致公党: '致公党党员',
  中国致公党党员: '致公党党员',
  九三学社: '九三学社社员',
  台盟: '台盟盟员',
  台湾民主自治同盟盟员: '台盟盟员',
  无党派: '无党派人士',
  无党派民主人士: '无党派人士',
};

const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');

/** The value as stored: '' for an empty cell, null when the text is no 政治面貌 (the caller names the cell). */
export function parsePoliticalStatus(text: string): PoliticalStatusOrNone | null {
  const t = squash(text);
  if (t === '') return '';
  if ((POLITICAL_STATUSES as readonly string[]).includes(t)) return t as PoliticalStatus;
  return VARIANTS[t] ?? null;
}

/** Why a text is no 政治面貌, naming what may be written (是/否 get their own answer: they lose what the file knew). */
export function politicalStatusError(text: string): string {
  const t = squash(text);
  if (/^(是|否|√|×|Y|N|YES|NO)$/i.test(t)) {
    return `政治面貌请按实际填写（如 中共党员、中共预备党员、共青团员、群众），不能只填“${t}”；如果这一列不是政治面貌，请在“列对应”中设为（不导入）`;
  }
  return `“${t}”不是规范的政治面貌；可填：${POLITICAL_STATUSES.join('、')}`;
}
