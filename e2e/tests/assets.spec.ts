import { expect, snapshot } from '../fixtures/app';
import { centerMenu, login, otherBrowser, test } from '../fixtures/accounts';

const FINANCE = 'finance@bluecloud.example';
const HEENOR_ADMIN = 'admin@heenor.example';
const TEST_A_ADMIN = 'admin@testcompany-a.example';
const MEMBER = 'sales@bluecloud-d.example';
const ACCOUNT_MANAGER = 'zhao.yikang@bluecloud.example';

/** The dialog titled `name`. */
function dialog(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('dialog', { name });
}

test.describe('my assets', () => {
  test('finance funds a partner with rebate, a coupon and a credit line; the partner sees each', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    await login(page, FINANCE);
    await page.goto('/admin/finance');
    await expect(page.getByRole('heading', { level: 1, name: '资产总览' })).toBeVisible();
    const companies = page.getByRole('table', { name: '公司资产列表' });
    await expect(companies.getByRole('row', { name: /TestCompany-A/ })).toContainText('¥41.25');
    await snapshot(page, 'finance-companies');

    await companies.getByRole('row', { name: /Heenor/ }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /Heenor/ })).toBeVisible();
    await page.getByRole('button', { name: '发放/扣回' }).click();
    const adjust = dialog(page, '发放/扣回');
    await adjust.getByLabel('金额').fill('60.5');
    await adjust.getByLabel('原因').fill('2026 下半年返点');
    await adjust.getByRole('button', { name: '保存' }).click();
    await expect(adjust).toBeHidden();
    await expect(page.getByRole('table', { name: '可抵扣优惠金额' })).toContainText('+ ¥60.5');
    // A claw-back over the balance is refused on its field, and nothing moves.
    consoleGuard.allow(/422 .*rebate-adjustments/);
    await page.getByRole('button', { name: '发放/扣回' }).click();
    await adjust.getByLabel('类型').selectOption({ label: '扣回' });
    await adjust.getByLabel('金额').fill('100');
    await adjust.getByLabel('原因').fill('多发');
    await adjust.getByRole('button', { name: '保存' }).click();
    await expect(adjust.getByText(/可用金额不足/)).toBeVisible();
    await snapshot(page, 'finance-rebate-refused');
    await adjust.getByRole('button', { name: '取消' }).click();

    await page.getByRole('tab', { name: '账期' }).click();
    await page.getByRole('button', { name: '调整授信' }).click();
    const line = dialog(page, '调整授信');
    await line.getByLabel('授信总额').fill('1000');
    await line.getByLabel('账期天数').fill('30');
    await line.getByLabel('原因').fill('银行授信');
    await line.getByRole('button', { name: '保存' }).click();
    await expect(line).toBeHidden();
    await page.getByRole('button', { name: '额度线下使用' }).click();
    const spend = dialog(page, '额度线下使用');
    await spend.getByLabel('金额').fill('200');
    await spend.getByLabel('原因').fill('线下采购');
    await spend.getByRole('button', { name: '保存' }).click();
    await expect(spend).toBeHidden();
    await expect(page.getByText('¥800').first()).toBeVisible();
    await snapshot(page, 'finance-company-credit');

    await page.goto('/admin/finance/coupons');
    await expect(page.getByRole('heading', { level: 1, name: '优惠券模板' })).toBeVisible();
    const templates = page.getByRole('table', { name: '优惠券模板列表' });
    await templates.getByRole('row', { name: /双十一促销/ }).getByRole('button', { name: '发放' }).click();
    const issue = dialog(page, '发放优惠券');
    await issue.getByLabel('搜索公司').fill('Heenor');
    await issue.getByRole('button', { name: '搜索' }).click();
    await issue.getByRole('checkbox', { name: /Heenor/ }).check();
    await issue.getByLabel('每家公司张数').fill('1');
    await issue.getByRole('button', { name: '发放', exact: true }).click();
    const codes = issue.getByRole('table', { name: '已发放的优惠券' });
    await expect(codes).toBeVisible();
    const code = (await codes.getByRole('cell').nth(1).textContent())!.trim();
    await snapshot(page, 'finance-coupon-issued');
    await issue.getByRole('button', { name: '确定' }).click();

    // The partner's admin sees every fen of it.
    const partner = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(partner, HEENOR_ADMIN);
    await partner.goto('/account/assets/rebate');
    await expect(centerMenu(partner).getByRole('link', { name: '可抵扣优惠金额' })).toBeVisible();
    await expect(partner.getByText('¥60.5').first()).toBeVisible();
    const entries = partner.getByRole('table', { name: '账户收支明细' });
    await expect(entries.getByRole('row', { name: /发放奖励/ })).toContainText('+ ¥60.5');
    await partner.getByRole('button', { name: '查看奖励规则' }).click();
    await expect(dialog(partner, '奖励规则')).toContainText('可抵扣优惠金额');
    await snapshot(partner, 'assets-rebate-rules');
    await dialog(partner, '奖励规则').getByRole('button', { name: '确定' }).click();
    await partner.getByRole('button', { name: '自定义' }).click();
    await partner.getByLabel('开始日期').fill('2020-01-01');
    await partner.getByLabel('结束日期').fill('2020-01-31');
    await partner.getByRole('button', { name: '查询' }).click();
    await expect(partner.getByText('暂无数据').first()).toBeVisible();
    await snapshot(partner, 'assets-rebate-empty-period');

    await partner.goto('/account/assets/coupons');
    await expect(partner.getByRole('tabpanel')).toContainText(code);
    await expect(partner.getByRole('tabpanel')).toContainText('满0金额使用');
    await snapshot(partner, 'assets-coupons');

    await partner.goto('/account/assets/credit');
    await expect(partner.getByText('¥1000').first()).toBeVisible();
    await expect(partner.getByRole('table', { name: '全部明细' })).toContainText('线下使用');
    await snapshot(partner, 'assets-credit');
  });

  test('a finance user confirms an offline repayment and the available amount updates', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    await login(page, TEST_A_ADMIN);
    await page.goto('/account/assets/credit');
    await expect(page.getByRole('heading', { level: 1, name: '账期余额' })).toBeVisible();
    await expect(page.getByText('¥754.5').first()).toBeVisible();
    await page.getByRole('tab', { name: '已出账单' }).click();
    const bills = page.getByRole('table', { name: '已出账单' });
    await bills.getByRole('button', { name: /线下还款/ }).first().click();
    const repay = dialog(page, '线下还款');
    await repay.getByLabel('银行账号').fill('6222 0210 0101 8888');
    await repay.getByLabel('还款金额').fill('100');
    await repay.getByLabel('还款日期').fill(new Date().toISOString().slice(0, 10));
    await snapshot(page, 'assets-repay-dialog');
    await repay.getByRole('button', { name: '提交' }).click();
    await expect(repay).toBeHidden();
    await page.getByRole('tab', { name: '还款记录' }).click();
    await expect(page.getByRole('table', { name: '还款记录' })).toContainText('待确认');
    await snapshot(page, 'assets-repayments');

    const finance = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(finance, FINANCE);
    await finance.goto('/admin/finance/repayments');
    await expect(finance.getByRole('heading', { level: 1, name: '还款审核' })).toBeVisible();
    const queue = finance.getByRole('row', { name: /TestCompany-A/ });
    await snapshot(finance, 'finance-repayments');
    await queue.getByRole('button', { name: '确认' }).click();
    await finance.getByRole('alertdialog', { name: '确认该操作?' }).getByRole('button', { name: '确认' }).click();
    await expect(finance.getByText('还款已确认')).toBeVisible();

    await page.reload();
    await expect(page.getByText('¥854.5').first()).toBeVisible();
  });

  test('a member without the right sees no asset menu, staff without finance rights no finance desk', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    await login(page, MEMBER);
    await page.goto('/account/profile');
    await expect(centerMenu(page).getByRole('link', { name: '个人资料' })).toBeVisible();
    await expect(centerMenu(page).getByRole('link', { name: '可抵扣优惠金额' })).toHaveCount(0);
    await expect(centerMenu(page).getByRole('link', { name: '资产总览' })).toHaveCount(0);
    await page.goto('/account/assets/rebate');
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await snapshot(page, 'assets-member-forbidden');

    const manager = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(manager, ACCOUNT_MANAGER);
    await manager.goto('/admin/finance');
    await expect(manager.getByRole('heading', { name: '无权访问' })).toBeVisible();
  });
});
