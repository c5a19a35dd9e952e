import type { Page } from '@playwright/test';
import { expect, snapshot } from '../fixtures/app';
import { login, otherBrowser, test, unique } from '../fixtures/accounts';
import { addCustomer } from '../fixtures/checkout';

const TEST_A_ADMIN = 'admin@testcompany-a.example';
const FINANCE = 'finance@bluecloud.example';
const LOGIN_PASSWORD = 'Demo-Password-2026';
const CREDIT_PASSWORD = 'Blue-Credit-Centre-7788';

/** Buys the first solution online (立即购买) for a new customer and opens the order's cashier. */
async function orderAtCashier(page: Page, name: string) {
  await page.goto('/solutions/1');
  await page.getByRole('button', { name: '立即购买' }).click();
  return payAtCashier(page, name);
}

/** In checkout: a new customer, 线上支付, the contract agreed; opens the order's cashier (去支付). */
async function payAtCashier(page: Page, name: string) {
  await addCustomer(page, name);
  await page.getByRole('radio', { name: '线上支付' }).check();
  await page.getByRole('button', { name: '提交订单' }).click();
  await page.getByRole('button', { name: '生成订单' }).click();
  await page.getByRole('dialog', { name: '电子合同（生成电子订单）' }).getByRole('button', { name: '同意' }).click();
  await expect(page.getByRole('heading', { name: '订单已生成' })).toBeVisible();
  const orderNo = (await page.locator('.done-order-no').textContent())!.trim();
  await page.getByRole('link', { name: '查看详情' }).click();
  await page.getByRole('link', { name: '去支付' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/\d+\/pay$/);
  await expect(page.locator('.cashier-number')).toHaveText(orderNo);
  return orderNo;
}

/** At the sandbox gateway's page: chooses `choice` and follows the browser back to the merchant. */
async function decideAtSandbox(page: Page, gateway: string, choice: '支付成功' | '支付失败' | '取消支付', shot?: string) {
  await expect(page.getByRole('heading', { name: /沙箱网关/ })).toBeVisible();
  if (shot) await snapshot(page, shot);
  await page.getByRole('button', { name: choice }).click();
  // UnionPay hands back with an auto-submitted form; its button works where scripts are blocked.
  const back = page.getByRole('button', { name: '返回商户' });
  if (await back.isVisible().catch(() => false)) await back.click().catch(() => {});
  await expect(page).toHaveURL(/\/pay\?returned=1$/);
}

test.describe('online payment', () => {
  test('the cashier pays an order through the Alipay sandbox after a cancelled attempt; the operator refunds it through the gateway', async ({
    page,
    operator,
  }) => {
    await login(page, TEST_A_ADMIN);
    const orderNo = await orderAtCashier(page, `pay${unique()}`);
    await expect(page.locator('.cashier-countdown')).toHaveText(/请在 1[0-4]分\d{1,2}秒 内完成支付，否则订单会被自动取消/);
    await expect(page.locator('.cashier-details')).toContainText('¥');
    await snapshot(page, 'cashier');

    await page.getByRole('radio', { name: '支付宝' }).check();
    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'alipay', '取消支付', 'sandbox-alipay');
    await expect(page.locator('.cashier-not-paid')).toBeVisible();
    await expect(page.getByRole('button', { name: '立即支付' })).toBeEnabled();

    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'alipay', '支付成功');
    await expect(page.locator('.cashier-paid')).toContainText('支付成功', { timeout: 20_000 });
    await snapshot(page, 'cashier-paid');
    await page.getByRole('link', { name: '查看订单' }).click();
    await expect(page.locator('.order-info')).toContainText('处理中');
    await expect(page.locator('.order-info')).toContainText('已付款');

    // The operator sees the payments ledger, cancels the order, and the gateway refunds it.
    await operator.goto(`/admin/orders?q=${orderNo}`);
    await operator.locator('.order-detail-link').first().click();
    const ledger = operator.locator('.order-payments');
    await expect(ledger.locator('.payment-attempts')).toContainText('已支付');
    await expect(ledger.locator('.payment-attempts')).toContainText('已关闭');
    await expect(ledger.locator('.payment-events')).toContainText('异步通知');
    await snapshot(operator, 'desk-order-payments');
    await operator.locator('.operator-cancel summary').click();
    await operator.getByLabel('取消原因').fill('客户退订');
    await operator.locator('.operator-cancel').getByRole('button', { name: '取消订单' }).click();
    await expect(operator.locator('.order-info')).toContainText('已取消');
    await expect(async () => {
      await operator.reload();
      await expect(operator.locator('.order-info')).toContainText('退款已付', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(operator.locator('.payment-refunds')).toContainText('已退款');
    await expect(operator.getByRole('button', { name: '确认已退款' })).toHaveCount(0);
    await snapshot(operator, 'desk-order-refunded');
    await operator.goto('/admin/finance/reconciliation');
    await expect(operator.getByRole('heading', { level: 1, name: '对账' })).toBeVisible();
    await expect(operator.locator('.reconciliation-table')).toContainText('支付宝');
    await snapshot(operator, 'reconciliation');
    await page.reload();
    await expect(page.locator('.order-info')).toContainText('退款已付');
  });

  test('UnionPay: a failed payment leaves the order payable, the next one pays it', async ({ page }) => {
    await login(page, TEST_A_ADMIN);
    await orderAtCashier(page, `union${unique()}`);
    await page.getByRole('radio', { name: '银联支付' }).check();
    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'unionpay', '支付失败', 'sandbox-unionpay');
    await expect(page.locator('.cashier-not-paid')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('radio', { name: '银联支付' }).check();
    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'unionpay', '支付成功');
    await expect(page.locator('.cashier-paid')).toBeVisible({ timeout: 20_000 });
  });

  test('credit pay with the credit-centre password and the emailed code; a bill repaid online in part', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
    operator,
  }) => {
    // Finance gives TestCompany-A room on its line.
    const finance = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(finance, FINANCE);
    await finance.goto('/admin/finance');
    await finance.getByRole('table', { name: '公司资产列表' }).getByRole('row', { name: /TestCompany-A/ }).getByRole('link').first().click();
    await finance.getByRole('tab', { name: '账期' }).click();
    await finance.getByRole('button', { name: '调整授信' }).click();
    const line = finance.getByRole('dialog', { name: '调整授信' });
    await line.getByLabel('授信总额').fill('1000000');
    await line.getByLabel('账期天数').fill('365');
    await line.getByLabel('原因').fill('提额');
    await line.getByRole('button', { name: '保存' }).click();
    await expect(line).toBeHidden();

    await login(page, TEST_A_ADMIN);
    await page.goto('/account/assets/credit');
    const box = page.locator('#credit-password');
    await box.getByLabel('登录密码').fill(LOGIN_PASSWORD);
    await box.getByLabel(/^新密码/).fill(CREDIT_PASSWORD);
    await box.getByLabel('确认新密码').fill(CREDIT_PASSWORD);
    await box.getByRole('button', { name: '设置密码' }).click();
    await expect(page.getByText('信用中心密码已保存')).toBeVisible();
    await snapshot(page, 'credit-password');

    await orderAtCashier(page, `credit${unique()}`);
    await page.getByRole('radio', { name: '蓝云信用支付' }).check();
    await page.getByLabel('信用中心密码').fill(CREDIT_PASSWORD);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.locator('.credit-code-sent')).toContainText('a***@testcompany-a.example');
    await expect(page.getByRole('button', { name: /秒后可重新获取/ })).toBeDisabled();
    // The code, from the dev mailbox (everybody's inbox in development).
    await operator.goto('/admin/mail');
    const mail = operator.locator('tbody.mail-item', { hasText: TEST_A_ADMIN }).filter({ hasText: '蓝云信用支付验证码' }).first();
    await mail.getByRole('button', { name: /蓝云信用支付验证码/ }).click();
    const code = (await mail.textContent())!.match(/\b(\d{6})\b/)![1];
    await page.getByLabel('邮箱验证码').fill(code);
    await snapshot(page, 'cashier-credit');
    await page.getByRole('button', { name: '确认支付' }).click();
    await expect(page).toHaveURL(/\/account\/orders\/\d+$/);
    await expect(page.getByText('蓝云信用支付成功')).toBeVisible();
    await expect(page.locator('.order-info')).toContainText('已付款');

    // 已出账单 → 线上还款 of ¥100 through Alipay: 还款记录 shows it confirmed.
    await page.goto('/account/assets/credit');
    await page.getByRole('tab', { name: '已出账单' }).click();
    await page.getByRole('link', { name: '线上还款' }).first().click();
    await expect(page).toHaveURL(/\/account\/assets\/credit\/bills\/\d+\/pay$/);
    await page.getByLabel('还款金额（元）').fill('100');
    await snapshot(page, 'cashier-bill');
    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'alipay', '支付成功');
    await expect(page.locator('.cashier-part-paid')).toContainText('¥100', { timeout: 20_000 });
    await page.goto('/account/assets/credit');
    await page.getByRole('tab', { name: '还款记录' }).click();
    await expect(page.getByRole('table').filter({ hasText: '线上还款' }).first()).toContainText('¥100');
  });
  test('the operator refunds one line of a cart order paid online: the preview, the gateway pays it back, the buyer sees it', async ({
    page,
    operator,
  }) => {
    test.setTimeout(90_000);
    await login(page, TEST_A_ADMIN);
    await page.goto('/solutions/1');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByText('已加入购物车')).toBeVisible();
    await page.goto('/solutions?q=SaaS4Me');
    await page.getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（2 项）' })).toBeVisible();
    await page.goto('/cart');
    await page.getByRole('checkbox', { name: '全选可结算的商品' }).check();
    await page.getByRole('button', { name: '结算' }).click();
    const orderNo = await payAtCashier(page, `part${unique()}`);
    await page.getByRole('radio', { name: '支付宝' }).check();
    await page.getByRole('button', { name: '立即支付' }).click();
    await decideAtSandbox(page, 'alipay', '支付成功');
    await expect(page.locator('.cashier-paid')).toBeVisible({ timeout: 20_000 });

    await operator.goto(`/admin/orders?q=${orderNo}`);
    await operator.locator('.order-detail-link').first().click();
    const first = operator.locator('.order-lines-table tbody tr').first();
    await first.locator('.line-refund-box summary').click();
    await expect(first.locator('.line-refund-quote')).toContainText(/将退回 ¥[\d.]+：零钱 ¥0 · 账期 ¥0 · 现金 ¥[\d.]+/);
    await first.getByLabel('退款原因').fill('客户退回该商品');
    await snapshot(operator, 'desk-line-refund');
    await first.locator('.line-refund-box').getByRole('button', { name: '退款' }).click();
    await expect(operator.getByText('商品已退款')).toBeVisible();
    await expect(first.locator('.line-refund')).toContainText('已退款');
    await expect(operator.locator('.order-info')).toContainText('处理中');
    await expect(async () => {
      await operator.reload();
      await expect(operator.locator('.order-lines-table tbody tr').first().locator('.line-refund-cash')).toHaveText('现金已原路退回', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(operator.locator('.payment-refunds')).toContainText('已退款');
    await expect(operator.locator('.timeline-item', { hasText: '商品退款' }).first()).toBeVisible();
    await snapshot(operator, 'desk-line-refunded');

    await page.getByRole('link', { name: '查看订单' }).click();
    const line = page.locator('.order-lines-table tbody tr').first();
    await expect(line.locator('.line-refund')).toContainText('已退款');
    await expect(line.locator('.line-refund-cash')).toHaveText('现金已原路退回');
    await expect(line.locator('.line-refund-box')).toHaveCount(0);
    await snapshot(page, 'order-line-refunded');
  });
});
