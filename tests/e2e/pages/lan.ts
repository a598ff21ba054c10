/** The office LAN in the end-to-end tests: a street set up on the office PC, its accounts, and browsers of their own over HTTPS. */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import type { CallInput, CallName, CallOutput } from '../../../src/shared/contract';
import { idCheckChar } from '../../../src/shared/domain/idcard';
import type { Host } from '../fixtures';
import { openTwoCriterionMonth } from './test-month';

export const ADMIN = { loginName: 'admin', password: 'Wangge2026x', name: '王主任' };
export const EVALUATOR = { loginName: 'kh1', password: 'Kaohe2026yy', name: '李考核' };

/** The office PC's own calls (the loopback token), with the session its first account's creation gave it. */
export class OfficePc {
  private session = '';
  constructor(
    private readonly page: Page,
    private readonly host: Host,
  ) {}

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const u = new URL(this.host.url);
    const r = await this.page.request.post(`${u.origin}/rpc/${name}`, {
      data: input,
      headers: { 'x-grid-token': u.searchParams.get('token')!, 'x-grid-session': this.session },
    });
    const answered = r.headers()['x-grid-session'];
    if (answered) this.session = answered;
    const body = (await r.json()) as { ok: boolean; data: CallOutput<N>; error?: { message: string } };
    expect(body.ok, body.error?.message).toBe(true);
    return body.data;
  }

  /** 固戍社区 (张三, 李四) and 河西社区 (王五), a two-criterion scheme, 考核人甲, October open, a 管理员 and a 考核员 for 固戍社区. */
  async setUp(): Promise<void> {
    const street = await this.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const c1 = await this.call('org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
    const c2 = await this.call('org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
    for (const [i, [name, unitId]] of ([['张三', c1.id], ['李四', c1.id], ['王五', c2.id]] as const).entries()) {
      const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`;
      await this.call('people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId });
    }
    const evaluator = await this.call('assessments.createEvaluator', { name: '考核人甲', group: '' });
    await openTwoCriterionMonth((name, input) => this.call(name, input));
    await this.call('accounts.create', { loginName: ADMIN.loginName, displayName: ADMIN.name, role: 'admin', password: ADMIN.password });
    await this.call('accounts.create', {
      loginName: EVALUATOR.loginName,
      displayName: EVALUATOR.name,
      role: 'evaluator',
      password: EVALUATOR.password,
      unitIds: [c1.id],
      evaluatorId: evaluator.id,
    });
  }
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A browser on another PC: its own context (cookies), accepting the self-signed certificate as a user who checked its fingerprint. */
export async function lanBrowser(browser: Browser, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && m.text().includes('AG Grid')) errors.push(m.text());
  });
  return { context, page };
}

export async function lanLogin(page: Page, url: string, who: { loginName: string; password: string; name: string }): Promise<void> {
  await page.goto(url);
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(who.loginName);
  await form.getByLabel('密码').fill(who.password);
  await form.getByLabel('密码').press('Enter');
  await expect(page.getByLabel('当前用户')).toContainText(who.name);
}
