/** Page model of 首页 (工作台). */
import { expect, type Locator, type Page } from '@playwright/test';

export class HomePage {
  constructor(readonly page: Page) {}

  tile(name: '本月考核' | '待办' | '需要关注'): Locator {
    return this.page.getByRole('region', { name });
  }

  /** Waits until 首页 has read its figures. */
  async ready(): Promise<void> {
    await expect(this.tile('本月考核')).toBeVisible();
  }

  /** The scheme tab of 本月考核 (when a month has several schemes). */
  async chooseScheme(name: string): Promise<void> {
    const tab = this.tile('本月考核').getByRole('tab', { name });
    if (await tab.count()) await tab.click();
    await expect(this.tile('本月考核')).toContainText(name);
  }

  /** The link to a community's unscored workers ('固戍社区未评 12 人'). */
  unscoredLink(community: string): Locator {
    return this.tile('本月考核').getByRole('link', { name: new RegExp(`^${community}未评 \\d+ 人$`) });
  }

  attentionGroup(title: string): Locator {
    return this.tile('需要关注').getByRole('group', { name: title });
  }

  chart(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }
}
