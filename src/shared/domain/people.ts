/** The vocabulary of the roster. */

export const ROLES = ['网格员', '专职网格员', '网格长', '微网格长', '楼栋长', '中队长', '组长'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['在岗', '离岗'] as const;
export type Status = (typeof STATUSES)[number];

export const GENDERS = ['男', '女'] as const;

/** Why a dated term of a person's history began. */
export const TERM_CHANGES = ['入职', '调动', '岗位变更', '离岗', '返岗'] as const;
export type TermChange = (typeof TERM_CHANGES)[number];
