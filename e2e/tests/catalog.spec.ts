import { test, expect, snapshot, card } from '../fixtures/app';

// The demo seed (`reseller-center seed --demo`) provides the catalog these tests read.

test.describe('home', () => {
  test('shows the shell and popular solutions in Chinese by default', async ({ page }) => {
    await page.goto('/');

    // zh-CN is the default even though the browser asks for English (see playwright.config.ts).
    await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle('首页 - 经销商中心');

    const banner = page.getByRole('banner');
    const nav = banner.getByRole('navigation', { name: '主导航' });
    await expect(nav.getByRole('link', { name: '解决方案' })).toHaveAttribute('href', '/solutions');
    await expect(nav.getByRole('link', { name: '品牌专区' })).toHaveAttribute('href', '/brands');
    await expect(nav.getByRole('link', { name: '帮助中心' })).toHaveAttribute('href', '/help');
    // 入驻 leads to the registration form; a visitor's cart is empty and asks to sign in first.
    await expect(nav.getByRole('link', { name: '入驻' })).toHaveAttribute('href', '/register');
    await expect(nav.getByRole('link', { name: '购物车（0 项）' })).toHaveAttribute('href', '/cart');
    await expect(banner.getByRole('link', { name: '登录' })).toHaveAttribute('href', '/login');
    await expect(banner.getByRole('link', { name: '注册' })).toHaveAttribute('href', '/register');
    await expect(banner.getByRole('combobox', { name: '搜索解决方案' })).toBeVisible();

    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: '热门解决方案' })).toBeVisible();
    const popular = page.locator('section', { has: page.getByRole('heading', { name: '热门解决方案' }) });
    await expect(popular.getByRole('article')).toHaveCount(8);
    const cloudAtlas = card(page, /^CloudAtlas/).first();
    await expect(cloudAtlas).toContainText('¥9950');
    await expect(card(page, 'SaaS4Me Transport').first()).toContainText('¥118');
    await expect(popular.getByRole('link', { name: '更多云计算产品>>' })).toHaveAttribute('href', '/solutions');

    await expect(page.getByRole('contentinfo')).toContainText('经销商中心');
    await expect(page.getByRole('contentinfo').getByRole('link', { name: '帮助中心' })).toHaveAttribute('href', '/help');
    await snapshot(page, 'home');
  });

  test('industry tabs filter the grid below', async ({ page }) => {
    await page.goto('/');
    const industry = page.locator('section', { has: page.getByRole('heading', { name: '行业解决方案' }) });
    const tabs = industry.getByRole('tablist', { name: '方案分类' });
    await expect(tabs.getByRole('tab')).toHaveText(['全部方案', '商务服务', '云与应用', '备份与迁移', '安全服务', '其他']);
    await expect(tabs.getByRole('tab', { name: '全部方案' })).toHaveAttribute('aria-selected', 'true');
    const panel = industry.getByRole('tabpanel');
    await expect(panel.getByRole('link', { name: /CloudAtlas/ })).toBeVisible();

    await tabs.getByRole('tab', { name: '安全服务' }).click();
    await expect(tabs.getByRole('tab', { name: '安全服务' })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByRole('link', { name: /safein/ })).toBeVisible();
    await expect(panel.getByRole('link', { name: /CloudAtlas/ })).toHaveCount(0);
    await expect(panel.getByRole('link', { name: /BitTitan/ })).toHaveCount(0);
  });

  test('is usable at 375 px with a burger menu', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/');
    await expect(card(page, /^CloudAtlas/).first()).toBeVisible();
    const noHorizontalScroll = await page.evaluate(
      () => document.documentElement.scrollWidth <= window.innerWidth,
    );
    expect(noHorizontalScroll).toBe(true);
    await snapshot(page, 'home-mobile');

    const burger = page.getByRole('button', { name: '菜单' });
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
    const solutionsLink = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '解决方案' });
    await expect(solutionsLink).toBeHidden();
    await burger.click();
    await expect(burger).toHaveAttribute('aria-expanded', 'true');
    await expect(solutionsLink).toBeVisible();
    await snapshot(page, 'home-mobile-menu');
    await solutionsLink.click();
    await expect(page).toHaveURL(/\/solutions$/);
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('solution list', () => {
  test('category tabs filter the list and live in the URL', async ({ page }) => {
    await page.goto('/solutions');
    await expect(page.getByRole('heading', { level: 1, name: '解决方案' })).toBeVisible();
    await expect(page.getByText(/共 \d+ 个解决方案/)).toBeVisible();
    await expect(card(page, /^BitTitan/)).toBeVisible();

    await page.getByRole('tab', { name: '安全服务' }).click();
    await expect(page).toHaveURL(/category=security_services/);
    await expect(page.getByRole('tab', { name: '安全服务' })).toHaveAttribute('aria-selected', 'true');
    await expect(card(page, /^safein/)).toBeVisible();
    await expect(card(page, /^BitTitan/)).toHaveCount(0);
    await expect(card(page, /^CloudAtlas/)).toHaveCount(0);
    for (const category of await page.getByRole('article').locator('.tag').allTextContents()) {
      expect(category).toBe('安全服务');
    }
    await snapshot(page, 'solutions-security');

    await page.goBack();
    await expect(page.getByRole('tab', { name: '全部方案' })).toHaveAttribute('aria-selected', 'true');
    await expect(card(page, /^BitTitan/)).toBeVisible();

    // Keyboard: arrows move between tabs (roving tabindex).
    await page.getByRole('tab', { name: '全部方案' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: '商务服务' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: '商务服务' })).toBeFocused();
    await expect(page).toHaveURL(/category=business_services/);
  });

  test('sorts by price and pages through the results', async ({ page }) => {
    await page.goto('/solutions');
    await page.getByLabel('排序').selectOption({ label: '价格从高到低' });
    await expect(page).toHaveURL(/sort=price_desc/);
    await expect(page.getByLabel('排序')).toHaveValue('price_desc');
    const firstPage = page.getByRole('article');
    await expect(firstPage.first()).toBeVisible();
    const prices = (await page.locator('article .price-amount').allTextContents()).map((p) =>
      Number(p.replace('¥', '')),
    );
    expect(prices.length).toBeGreaterThan(1);
    expect([...prices].sort((a, b) => b - a)).toEqual(prices);

    const pagination = page.getByRole('navigation', { name: '分页' });
    await expect(pagination.getByRole('link', { name: '第 1 页' })).toHaveAttribute('aria-current', 'page');
    await pagination.getByRole('link', { name: '第 2 页' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(pagination.getByRole('link', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('article').first()).toBeVisible();
    await snapshot(page, 'solutions-page-2');
  });

  test('keyword box searches and the keyword tag removes the filter', async ({ page }) => {
    await page.goto('/');
    const search = page.getByRole('combobox', { name: '搜索解决方案' });
    await search.fill('BitTitan');
    await search.press('Enter');
    await expect(page).toHaveURL(/\/solutions\?q=BitTitan$/);
    await expect(card(page, /^BitTitan/)).toBeVisible();
    await expect(card(page, /^CloudAtlas/)).toHaveCount(0);
    await expect(page.getByText('关键字：BitTitan')).toBeVisible();
    await expect(search).toHaveValue('BitTitan');
    await snapshot(page, 'search');

    await page.getByRole('button', { name: '移除关键字筛选' }).click();
    await expect(page).toHaveURL(/\/solutions$/);
    await expect(card(page, /^CloudAtlas/)).toBeVisible();

    await search.fill('zzqxvw');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(page.getByText('找到 0 个结果')).toBeVisible();
    await expect(page.getByText('暂无数据')).toBeVisible();
  });
});

test.describe('solution detail', () => {
  test('shows plans; choosing a plan and a quantity updates price, SKU and total', async ({ page }) => {
    await page.goto('/');
    await card(page, 'SaaS4Me Transport').first().getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
    await expect(page).toHaveURL(/\/solutions\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'SaaS4Me Transport' })).toBeVisible();
    await expect(page).toHaveTitle('SaaS4Me Transport - 经销商中心');
    await expect(page.getByRole('navigation', { name: '面包屑导航' })).toContainText('备份与迁移');
    await expect(page.getByText('销售区域')).toBeVisible();
    await expect(page.getByRole('heading', { name: '产品特点' })).toBeVisible();

    const plans = page.getByRole('radiogroup', { name: '购买计划' });
    await expect(plans.getByRole('radio')).toHaveCount(3);
    await expect(plans.getByRole('radio').first()).toHaveAttribute('aria-checked', 'true');
    const sku = page.locator('td.sku');
    const unitPrice = page.locator('td.unit-price');
    await expect(unitPrice).toHaveText('¥118');
    const firstSku = await sku.textContent();

    await plans.getByRole('radio').nth(1).click();
    await expect(plans.getByRole('radio').nth(1)).toHaveAttribute('aria-checked', 'true');
    await expect(plans.getByRole('radio').first()).toHaveAttribute('aria-checked', 'false');
    await expect(unitPrice).not.toHaveText('¥118');
    await expect(sku).not.toHaveText(firstSku ?? '');
    const price = Number((await unitPrice.textContent())!.replace('¥', ''));

    // Keyboard: arrows move the plan selection.
    await plans.getByRole('radio').nth(1).focus();
    await page.keyboard.press('ArrowDown');
    await expect(plans.getByRole('radio').nth(2)).toHaveAttribute('aria-checked', 'true');
    await expect(plans.getByRole('radio').nth(2)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(plans.getByRole('radio').nth(1)).toHaveAttribute('aria-checked', 'true');

    const quantity = page.getByLabel('购买数量');
    await quantity.fill('3');
    await expect(page.locator('output.total-amount')).toHaveText(`¥${price * 3}`);
    await page.getByRole('button', { name: '增加数量' }).click();
    await expect(quantity).toHaveValue('4');
    await expect(page.locator('output.total-amount')).toHaveText(`¥${price * 4}`);

    // Both ways to buy are open (a visitor is asked to sign in on the way).
    await expect(page.getByRole('button', { name: '立即购买' })).toBeEnabled();
    await expect(page.getByRole('button', { name: '加入购物车' })).toBeEnabled();

    const related = page.locator('section', { has: page.getByRole('heading', { name: '相关推荐' }) });
    await expect(related.getByRole('link').first()).toBeVisible();
    await expect(related.getByRole('link', { name: /SaaS4Me Transport/ })).toHaveCount(0);
    await snapshot(page, 'detail');

    // A related solution opens in place, with its own plans.
    const other = related.getByRole('link').first();
    const otherName = (await other.locator('.related-name').textContent())!;
    await other.click();
    await expect(page.getByRole('heading', { level: 1, name: otherName })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: '购买计划' }).getByRole('radio').first()).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(page.getByLabel('购买数量')).toHaveValue('1');
  });

  test('an unknown solution shows a not-found state', async ({ page, consoleGuard }) => {
    // The browser itself logs the API's 404 response; that one is expected here.
    consoleGuard.allow(/status of 404/);
    await page.goto('/solutions/999999');
    await expect(page.getByRole('heading', { name: '方案不存在' })).toBeVisible();
    await page.getByRole('link', { name: '返回解决方案列表' }).click();
    await expect(page).toHaveURL(/\/solutions$/);
  });
});

test('language switch changes the UI and persists across reloads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Popular solutions' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Solutions' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Popular solutions' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Home - Reseller Center');
  await snapshot(page, 'home-en');

  await page.goto('/solutions');
  await expect(page.getByRole('tab', { name: 'Security services' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('tab', { name: '安全服务' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('tab', { name: '安全服务' })).toBeVisible();
});

test('unknown routes show the 404 page with a link home', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await snapshot(page, 'not-found');
  await page.getByRole('main').getByRole('link', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: '热门解决方案' })).toBeVisible();
});

test('brands page lists vendors linking to their solutions', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '品牌专区' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '品牌专区' })).toBeVisible();
  await expect(page.getByRole('link', { name: /AgilePoint/ })).toBeVisible();
  const consulting = page.getByRole('link', { name: /蓝云咨询/ });
  await expect(consulting).toContainText('2 个解决方案');
  await snapshot(page, 'brands');

  await consulting.click();
  await expect(page).toHaveURL(/\/solutions\?vendor=/);
  await expect(page.getByText('品牌：蓝云咨询')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  for (const vendor of await page.locator('article .solution-vendor').allTextContents()) {
    expect(vendor).toBe('蓝云咨询');
  }
});

test('help page lists the help center pages', async ({ page }) => {
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1, name: '帮助中心' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '目录' }).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '联系我们' })).toBeVisible();
  await snapshot(page, 'help');
});

test('data views show a skeleton while loading and an error with a working retry', async ({ page, consoleGuard }) => {
  // The browser itself logs the failed response; that one is expected here.
  consoleGuard.allow(/status of 500/);
  let fail = true;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/solutions?*', async (route) => {
    await held;
    if (fail) {
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'internal', message: 'internal error', request_id: 'e2e-request' }),
      });
    } else {
      await route.continue();
    }
  });

  await page.goto('/solutions');
  await expect(page.getByRole('status').filter({ hasText: '加载中…' }).first()).toBeAttached();
  await snapshot(page, 'solutions-loading');
  release();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('加载失败');
  await expect(alert).toContainText('e2e-request');
  await snapshot(page, 'solutions-error');

  fail = false;
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(card(page, /^BitTitan/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
