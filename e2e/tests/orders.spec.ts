import { expect, snapshot } from '../fixtures/app';
import { addCustomer } from '../fixtures/checkout';
import { DISTRIBUTOR_ADMIN, OPERATOR, PNG, login, otherBrowser, test, unique } from '../fixtures/accounts';

const TEST_A_ADMIN = 'admin@testcompany-a.example';
const FINANCE = 'finance@bluecloud.example';

/** The first solution of the catalog (the demo coupon 草稿 applies to it). */
async function openFirstSolution(page: import('@playwright/test').Page) {
  await page.goto('/solutions/1');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** 提交订单 → 确认信息 → 生成订单 → the contract → 同意; returns the order number. */
async function agreeContract(page: import('@playwright/test').Page, shot?: string) {
  await page.getByRole('button', { name: '提交订单' }).click();
  await expect(page.getByRole('heading', { name: '客户信息' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '产品信息' })).toBeVisible();
  if (shot) await snapshot(page, `${shot}-confirm`);
  await page.getByRole('button', { name: '生成订单' }).click();
  const contract = page.getByRole('dialog', { name: '电子合同（生成电子订单）' });
  await expect(contract.locator('.contract-number')).toHaveText(/^\d{17}$/);
  await expect(contract).toContainText('上海蓝云网络科技有限公司');
  await expect(contract).toContainText('大写（');
  await expect(contract).toContainText('不可以进行退换货');
  if (shot) {
    await snapshot(page, `${shot}-contract`);
    const download = page.waitForEvent('download');
    await contract.getByRole('button', { name: '下载合同 PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/^电子合同-\d{17}\.pdf$/);
  }
  await contract.getByRole('button', { name: '同意' }).click();
  await expect(page.getByRole('heading', { name: '订单已生成' })).toBeVisible();
  return (await page.locator('.done-order-no').textContent())!.trim();
}

test.describe('orders', () => {
  test('a reseller checks out the cart for a customer added in checkout, with a coupon and 零钱, agrees and downloads the contract, and sees the order', async ({
    page,
    consoleGuard,
  }) => {
    // The quote refuses too much 零钱 on purpose (422).
    consoleGuard.allow(/checkout\/quote/);
    await login(page, TEST_A_ADMIN);
    await openFirstSolution(page);
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByText('已加入购物车')).toBeVisible();
    await page.goto('/cart');
    await page.getByRole('checkbox', { name: '全选可结算的商品' }).check();
    await page.getByRole('button', { name: '结算' }).click();
    await expect(page).toHaveURL(/\/checkout\?cart=/);
    await expect(page.getByRole('list', { name: '下单步骤' })).toContainText('填写信息');
    const name = `wang${unique()}`;
    await addCustomer(page, name);

    const goods = await page.locator('.goods-total').textContent();
    await expect(page.locator('.payable-total')).toHaveText(goods!);
    await page.locator('input[name="use_coupon"]').first().check();
    await expect(page.locator('.discount-total')).not.toHaveText('¥0');
    await page.locator('input[name="use_rebate"]').first().check();
    await expect(page.locator('.rebate-offer')).toContainText('可用零钱');
    // More 零钱 than the balance is refused by the server's quote, by field.
    await page.locator('#f-rebate_amount').fill('99999');
    await expect(page.getByText(/零钱超出可用余额（可用 ¥/)).toBeVisible();
    await page.locator('#f-rebate_amount').fill('10');
    await expect(page.locator('.discount-total')).toHaveText(/¥1[01]/);
    await page.locator('#f-remark').fill('请在本周内开通');
    await expect(page.getByText('7/150')).toBeVisible();
    await snapshot(page, 'checkout-fill');

    const orderNo = await agreeContract(page, 'checkout');
    await expect(page.locator('.done-status')).toHaveText('待付款');
    await snapshot(page, 'checkout-done');
    await page.getByRole('link', { name: '查看详情' }).click();
    await expect(page.getByRole('heading', { name: '客户订单详情' })).toBeVisible();
    await expect(page.locator('.order-info')).toContainText(orderNo);
    await expect(page.locator('.order-info')).toContainText(name);
    await expect(page.locator('.order-info')).toContainText('请在本周内开通');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '电子合同' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await snapshot(page, 'order-detail');
    // The cart was settled; the list shows the order.
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（0 项）' })).toBeVisible();
    await page.getByRole('navigation', { name: '个人中心菜单' }).getByRole('link', { name: '客户订单' }).click();
    await expect(page.getByRole('table', { name: '订单列表' })).toContainText(orderNo);
    await snapshot(page, 'orders-list');
  });

  test('an offline order: the transfer is reported, finance confirms, the operator delivers with a serial number and completes, the reseller reviews and requests an invoice', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    // A long journey across four people: more than the default 30 s on a loaded machine.
    test.setTimeout(60_000);
    await login(page, DISTRIBUTOR_ADMIN);
    await openFirstSolution(page);
    await page.getByRole('button', { name: '立即购买' }).click();
    await expect(page).toHaveURL(/\/checkout\?plan=/);
    await addCustomer(page, `li${unique()}`);
    await page.getByRole('radio', { name: '线下支付' }).check();
    await expect(page.getByText('线下支付需要在银行转账后输入转账信息')).toBeVisible();
    const orderNo = await agreeContract(page);
    await page.getByRole('link', { name: '查看详情' }).click();
    const payable = (await page.locator('.info-row', { hasText: '应付总额' }).locator('.info-value').textContent())!;
    const transfer = page.locator('.transfer-form');
    await transfer.getByLabel('付款人').fill('BlueCloud_D');
    await transfer.getByLabel('付款银行').fill('招商银行');
    await transfer.getByLabel('付款账号').fill('6225 8888 0000');
    expect(payable).toMatch(/^¥/);
    await expect(transfer.getByLabel('转账金额')).not.toHaveValue('');
    await transfer.getByLabel('流水号').fill(`TX${unique()}`);
    await transfer.getByLabel('转账凭证（可选，PNG/JPEG）').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await snapshot(page, 'order-transfer');
    await transfer.getByRole('button', { name: '提交转账信息' }).click();
    await expect(page.getByText('转账信息已提交，等待财务确认')).toBeVisible();
    await expect(page.locator('.order-info')).toContainText('待确认');

    const finance = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(finance, FINANCE);
    await finance.goto(`/admin/orders?q=${orderNo}`);
    await finance.locator('.order-detail-link').first().click();
    await expect(finance.getByRole('heading', { name: '转账记录' })).toBeVisible();
    await snapshot(finance, 'desk-transfer');
    await finance.getByRole('button', { name: '确认收款' }).click();
    await expect(finance.getByText('已确认收款')).toBeVisible();
    await expect(finance.locator('.order-info')).toContainText('已付款');

    const operator = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(operator, OPERATOR);
    await operator.goto(`/admin/orders?q=${orderNo}`);
    await expect(operator.getByRole('table', { name: '订单列表' })).toContainText('处理中');
    await snapshot(operator, 'desk-orders');
    await operator.locator('.order-detail-link').first().click();
    await operator.locator('.deliver-box summary').first().click();
    await operator.getByLabel('交付内容（序列号、下载链接或服务进度）').fill('序列号: SN-2026-0001');
    await operator.getByRole('button', { name: '交付', exact: true }).click();
    await expect(operator.locator('.order-info')).toContainText('已交付');
    await expect(operator.locator('.delivery-text')).toHaveText('序列号: SN-2026-0001');
    await operator.getByRole('button', { name: '完成订单' }).click();
    await expect(operator.locator('.order-info')).toContainText('已完成');
    await snapshot(operator, 'desk-completed');

    await page.reload();
    await expect(page.locator('.order-info')).toContainText('已完成');
    await page.locator('.review-box summary').click();
    await page.getByRole('button', { name: '4 星' }).click();
    await page.getByLabel('评价内容').fill('交付及时，序列号可用。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByText('评价已提交')).toBeVisible();
    await expect(page.locator('.line-review')).toContainText('★★★★');
    const invoice = page.locator('.invoice-form');
    await invoice.getByLabel('纳税人识别号').fill('91310000MA1K000000');
    await invoice.getByLabel('接收邮箱').fill('billing@bluecloud-d.example');
    await invoice.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByText('开票申请已提交')).toBeVisible();
    await expect(page.locator('#invoice')).toContainText('已申请');
    await expect(page.locator('.order-timeline')).toContainText('已评价');
    await snapshot(page, 'order-reviewed');

    // Finance issues the invoice with its PDF; the reseller downloads it from the order.
    await finance.goto('/admin/invoices');
    const card = finance.locator('.invoice-card', { hasText: orderNo });
    await card.getByLabel('发票号码').fill(`No.${unique()}`);
    await card.locator('input.invoice-pdf').setInputFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await snapshot(finance, 'desk-invoice');
    await card.getByRole('button', { name: '开具发票' }).click();
    await expect(finance.getByText('发票 PDF 已上传')).toBeVisible();
    await page.reload();
    await expect(page.locator('#invoice')).toContainText('已开具');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载发票' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await snapshot(page, 'order-invoiced');
  });

  test('the operator admin cancels an order paid by transfer; finance pays the cash back and confirms it', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    await login(page, DISTRIBUTOR_ADMIN);
    await openFirstSolution(page);
    await page.getByRole('button', { name: '立即购买' }).click();
    await addCustomer(page, `qian${unique()}`);
    await page.getByRole('radio', { name: '线下支付' }).check();
    const orderNo = await agreeContract(page);
    await page.getByRole('link', { name: '查看详情' }).click();
    const transfer = page.locator('.transfer-form');
    await transfer.getByLabel('付款人').fill('BlueCloud_D');
    await transfer.getByLabel('付款银行').fill('招商银行');
    await transfer.getByLabel('付款账号').fill('6225 8888 0000');
    await transfer.getByLabel('流水号').fill(`TX${unique()}`);
    await transfer.getByRole('button', { name: '提交转账信息' }).click();
    await expect(page.locator('.order-info')).toContainText('待确认');

    const finance = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(finance, FINANCE);
    await finance.goto(`/admin/orders?q=${orderNo}`);
    await finance.locator('.order-detail-link').first().click();
    await finance.getByRole('button', { name: '确认收款' }).click();
    await expect(finance.locator('.order-info')).toContainText('已付款');

    const operator = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(operator, OPERATOR);
    await operator.goto(`/admin/orders?q=${orderNo}`);
    await operator.locator('.order-detail-link').first().click();
    await operator.locator('.operator-cancel summary').click();
    await operator.getByLabel('取消原因').fill('客户撤单');
    await operator.locator('.operator-cancel').getByRole('button', { name: '取消订单' }).click();
    await expect(operator.locator('.order-info')).toContainText('已取消');
    await expect(operator.locator('.order-info')).toContainText('应退现金');

    await finance.reload();
    await finance.getByLabel('退款流水号').fill('RF-0001');
    await snapshot(finance, 'desk-refund');
    await finance.getByRole('button', { name: '确认已退款' }).click();
    await expect(finance.locator('.order-info')).toContainText('RF-0001');
    await page.reload();
    await expect(page.locator('.order-info')).toContainText('退款已付');
    await expect(page.locator('.order-timeline')).toContainText('退款已付');
    await snapshot(page, 'order-refunded');
  });

  test('an unpaid order is cancelled by the payment deadline (test clock) and its coupon comes back', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    await login(page, TEST_A_ADMIN);
    await openFirstSolution(page);
    await page.getByRole('button', { name: '立即购买' }).click();
    await addCustomer(page, `zhou${unique()}`);
    await page.locator('input[name="use_coupon"]').first().check();
    await expect(page.locator('.discount-total')).not.toHaveText('¥0');
    const orderNo = await agreeContract(page);
    await page.getByRole('link', { name: '查看详情' }).click();
    await expect(page.locator('.order-info')).toContainText('待付款');

    const operator = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(operator, OPERATOR);
    await operator.goto('/admin/orders');
    await operator.getByRole('button', { name: '测试时钟：前进 16 分钟（仅开发环境）' }).click();
    await expect(operator.getByText('时钟已前进')).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.locator('.order-info')).toContainText('已取消', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.locator('.order-timeline')).toContainText('超时自动取消');
    await snapshot(page, 'order-timed-out');
    // The coupon is usable again.
    await openFirstSolution(page);
    await page.getByRole('button', { name: '立即购买' }).click();
    await page.locator('input[name="use_coupon"]').first().check();
    await expect(page.locator('.discount-total')).not.toHaveText('¥0');
    expect(orderNo).toMatch(/^\d{17}$/);
  });
});
