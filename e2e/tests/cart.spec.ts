import { expect, snapshot } from '../fixtures/app';
import { DISTRIBUTOR_CO_ADMIN, OPERATOR, login, otherBrowser, test } from '../fixtures/accounts';

/** The header's cart link, whatever its count. */
function cartLink(page: import('@playwright/test').Page) {
  return page.getByRole('banner').getByRole('link', { name: /购物车（\d+ 项）/ });
}

test.describe('cart', () => {
  test('a distributor co-admin adds plans to the cart, changes and removes lines, and keeps the cart across sessions', async ({
    page,
    browser,
    baseURL,
    consoleGuard,
  }) => {
    // A visitor is sent to sign in and comes back to the solution.
    await page.goto('/solutions?q=SaaS4Me');
    await page.getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'SaaS4Me Transport' })).toBeVisible();
    const detail = page.url();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page).toHaveURL(/\/login\?next=/);
    await login(page, DISTRIBUTOR_CO_ADMIN, undefined, '');
    await expect(page).toHaveURL(detail);

    await page.getByLabel('购买数量').fill('2');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByText('已加入购物车')).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（1 项）' })).toBeVisible();
    // The same plan again: still one line, quantity 3.
    await page.getByLabel('购买数量').fill('1');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（1 项）' })).toBeVisible();
    const plan = page.getByRole('radiogroup', { name: '购买计划' }).getByRole('radio');
    await plan.nth(1).click();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（2 项）' })).toBeVisible();
    await snapshot(page, 'cart-added');

    await cartLink(page).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole('heading', { level: 1, name: '购物车' })).toBeVisible();
    await expect(page.getByRole('list', { name: '下单步骤' })).toContainText('选择结算商品');
    const table = page.getByRole('table', { name: '购物车商品' });
    await expect(table.getByRole('row')).toHaveCount(3);
    const first = table.getByRole('row').nth(2);
    await expect(first.getByRole('spinbutton', { name: '数量' })).toHaveValue('3');
    const unit = Number((await first.locator('.unit-price').textContent())!.replace('¥', ''));
    await expect(first.locator('.line-total')).toHaveText(`¥${unit * 3}`);
    await first.getByRole('spinbutton', { name: '数量' }).fill('5');
    await first.getByRole('spinbutton', { name: '数量' }).press('Enter');
    await expect(table.getByRole('row').nth(2).locator('.line-total')).toHaveText(`¥${unit * 5}`);
    // A quantity over the limit is brought back to 9999.
    await table.getByRole('row').nth(2).getByRole('spinbutton', { name: '数量' }).fill('10000');
    await table.getByRole('row').nth(2).getByRole('spinbutton', { name: '数量' }).press('Enter');
    await expect(table.getByRole('row').nth(2).getByRole('spinbutton', { name: '数量' })).toHaveValue('9999');

    await page.getByRole('checkbox', { name: '全选可结算的商品' }).check();
    await expect(page.getByText('已选择 2 项商品')).toBeVisible();
    await expect(page.getByRole('button', { name: '结算' })).toBeEnabled();
    await snapshot(page, 'cart');

    await table.getByRole('row').nth(1).getByRole('button', { name: '删除' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect(page.getByText('已从购物车删除')).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('banner').getByRole('link', { name: '购物车（1 项）' })).toBeVisible();
    await expect(page.getByText('已选择 1 项商品')).toBeVisible();

    // Signed in again elsewhere: the same cart. The operator, who doesn't buy, sees no cart.
    const again = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(again, DISTRIBUTOR_CO_ADMIN);
    await again.goto('/cart');
    await expect(again.getByRole('table', { name: '购物车商品' }).getByRole('row')).toHaveCount(2);
    const operator = await otherBrowser(browser, baseURL, consoleGuard.watch);
    await login(operator, OPERATOR);
    await operator.goto('/');
    await expect(operator.getByRole('banner').getByRole('link', { name: /购物车/ })).toHaveCount(0);
    await operator.goto('/cart');
    await expect(operator.getByRole('heading', { name: '无权访问' })).toBeVisible();
  });
});
