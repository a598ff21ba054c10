/** Error codes every layer understands, with the Chinese message a user sees when no better one is given. */
export const ERROR_MESSAGES = {
  VALIDATION: '输入有误，请检查标红的内容',
  NOT_FOUND: '要找的记录不存在，可能已被删除',
  CONFLICT: '与已有记录冲突',
  FORBIDDEN: '当前账号无权执行此操作',
  UNAUTHORIZED: '访问口令无效，请使用启动时打印的完整地址打开',
  LOGIN_REQUIRED: '请先登录',
  UNKNOWN_CALL: '程序内部错误：未知的调用',
  DB_DAMAGED: '数据文件已损坏，程序没有使用它',
  DB_TOO_NEW: '数据文件来自更新版本的网格考评，请先升级程序',
  BACKUP_FAILED: '备份失败，数据未作改动',
  DISK_FULL: '磁盘空间不足，操作未完成，数据未作改动。请清理磁盘后重试',
  RECOVERY: '数据文件无法使用，请从备份恢复',
  INTERNAL: '程序内部错误，操作未完成，数据未作改动',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** One wrong field (and, for imports, the row and column it sits in). */
export interface FieldIssue {
  field: string;
  message: string;
  row?: number;
  column?: string;
}

/** What crosses a transport when a call fails. */
export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[]) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  /** A single wrong field: the message is shown at the field and as the call's message. */
  static field(field: string, message: string): AppError {
    return new AppError('VALIDATION', message, [{ field, message }]);
  }

  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export function isAppErrorPayload(value: unknown): value is AppErrorPayload {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/**
 * What a check-before-asking call answers (归档, 发布, 删除): the refusal the action would meet, or null. `check` returns
 * the refusal, and may throw one too (a record that is not in a state to act on).
 */
export function refusalOf(check: () => AppError | string | null | undefined): { refusal: string | null } {
  try {
    const r = check();
    return { refusal: r instanceof AppError ? r.message : (r ?? null) };
  } catch (e) {
    if (e instanceof AppError) return { refusal: e.message };
    throw e;
  }
}
