/** Page model of the points imports on the 积分 page: 积分导入 and 平台统计 (its tab), both the common ImportDialog. */
import type { Page } from '@playwright/test';
import { ImportDialogModel } from './import-dialog';

export class PointsImports {
  constructor(readonly page: Page) {}

  /** 导入Excel… of the 积分 page: the 积分导入 dialog. */
  async openPoints(): Promise<ImportDialogModel> {
    return ImportDialogModel.open(this.page, '导入Excel…', '积分导入');
  }

  /** 导入平台统计… of the 平台统计 tab, for the month and evaluator chosen there. */
  async openPlatform(): Promise<ImportDialogModel> {
    return ImportDialogModel.open(this.page, '导入平台统计…', /^导入平台统计：/);
  }
}
