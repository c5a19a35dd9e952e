import { type Page } from '@playwright/test';
import { expect, snapshot, card } from '../fixtures/app';
import { test, PNG, unique, expectNoSideScroll, login, otherBrowser, DISTRIBUTOR_ADMIN } from '../fixtures/accounts';

// The storefront (manual §3, §4, §12) as an anonymous visitor sees it, the leads it produces
// (在线咨询 with an attachment, 申请试用), and the operator's side: the ticket queue and the
// solution editor. Demo content comes from `reseller-center seed --demo`.

test.describe.configure({ timeout: 90_000 });

/** The header's search box (an ARIA combobox with type-ahead). */
function searchBox(page: Page) {
  return page.getByRole('banner').getByRole('combobox', { name: '搜索解决方案' });
}

/** Searches through the header box and waits for the result list. */
async function search(page: Page, text: string) {
  const box = searchBox(page);
  await box.fill(text);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/solutions\?q=/);
  await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 个结果/ })).toBeVisible();
}

test.describe.serial('visitor → leads → operator', () => {
  const id = unique();
  let consultNumber = '';
  let trialNumber = '';

  test('home shows banners, hot solutions, ads, news, partners and products & services', async ({ page }) => {
    await page.goto('/');
    const carousel = page.getByRole('region', { name: '轮播广告' });
    await expect(carousel.getByRole('group', { name: '1 / 3' })).toContainText('一站式上云迁移');
    await expect(carousel.getByRole('group', { name: '1 / 3' })).toHaveClass(/is-active/);
    await carousel.getByRole('button', { name: '下一张' }).click();
    await expect(carousel.getByRole('group', { name: '2 / 3' })).toHaveClass(/is-active/);
    await expect(carousel.getByRole('link', { name: /SaaS4Me Transport 限时优惠/ })).toHaveAttribute('href', /\/solutions\/\d+$/);
    await carousel.getByRole('button', { name: '第 3 张' }).click();
    await expect(carousel.getByRole('button', { name: '第 3 张' })).toHaveAttribute('aria-current', 'true');
    await expect(carousel.getByRole('link', { name: /成为蓝云经销商/ })).toHaveAttribute('href', '/register');
    await carousel.getByRole('button', { name: '上一张' }).click();
    await expect(carousel.getByRole('group', { name: '2 / 3' })).toHaveClass(/is-active/);

    const hot = page.locator('section', { has: page.getByRole('heading', { name: '热门解决方案' }) });
    await expect(hot.getByRole('article')).toHaveCount(8);
    await expect(hot.getByRole('link', { name: '更多云计算产品>>' })).toHaveAttribute('href', '/solutions');
    // The home strip ad.
    await expect(hot.getByRole('complementary', { name: '推广' }).getByRole('link', { name: /安全服务专区/ })).toHaveAttribute(
      'href',
      '/solutions?category=security_services',
    );

    const news = page.locator('section', { has: page.getByRole('heading', { name: '新闻动态' }) });
    const article = news.getByRole('link', { name: '经销商中心 2.0 公开测试版上线' });
    await expect(article).toHaveAttribute('href', /\/news\/\d+$/);
    await expect(news.getByRole('link', { name: '更多新闻>>' })).toHaveAttribute('href', '/news');

    const partners = page.locator('section', { has: page.getByRole('heading', { name: '合作伙伴', level: 2 }) });
    await expect(partners.getByText('Microsoft Azure')).toBeVisible();

    const offers = page.locator('section', { has: page.getByRole('heading', { name: '产品与服务' }) });
    await expect(offers.getByRole('link', { name: /丰富的软件产品/ })).toHaveAttribute('href', '/solutions?kind=product');
    await expect(offers.getByRole('link', { name: /专业服务/ })).toHaveAttribute('href', '/solutions?kind=service');
    await expect(offers.getByRole('link', { name: '安全服务' })).toHaveAttribute('href', '/solutions?category=security_services');
    await snapshot(page, 'storefront-home');

    // 行业解决方案 tabs.
    const industry = page.locator('section', { has: page.getByRole('heading', { name: '行业解决方案' }) });
    await industry.getByRole('tab', { name: '备份与迁移' }).click();
    await expect(industry.getByRole('tabpanel').getByRole('link', { name: /SaaS4Me Transport/ })).toBeVisible();

    // News article and list.
    await article.click();
    await expect(page.getByRole('heading', { level: 1, name: '经销商中心 2.0 公开测试版上线' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '新版亮点' })).toBeVisible();
    await snapshot(page, 'storefront-news-article');
    await page.getByRole('link', { name: '返回新闻列表' }).click();
    await expect(page).toHaveURL(/\/news$/);
    await expect(page.getByRole('link', { name: /180 台服务器上云/ })).toBeVisible();
    await snapshot(page, 'storefront-news');

    // Products & services filter the list by kind.
    await page.goto('/');
    await page.getByRole('link', { name: /专业服务/ }).click();
    await expect(page).toHaveURL(/kind=service/);
    await expect(page.getByRole('combobox', { name: '类型', exact: true })).toHaveValue('service');
    await expect(page.getByText('类型：服务')).toBeVisible();
  });

  test('search in Chinese highlights the matches; type-ahead and blank input', async ({ page, consoleGuard }) => {
    // A punctuation-only suggest request is answered 422 (logged by the browser).
    consoleGuard.allow(/status of 422/);
    await page.goto('/');
    const box = searchBox(page);
    await box.fill('迁移');
    const suggestions = page.getByRole('listbox', { name: '搜索建议' });
    await expect(suggestions.getByRole('option').first()).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    // Each suggestion shows its starting price.
    await expect(suggestions.getByRole('option').first()).toContainText('¥');
    await snapshot(page, 'storefront-suggest');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/solutions\?q=%E8%BF%81%E7%A7%BB$/);
    await expect(page.getByRole('heading', { level: 1, name: '搜索结果' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 个结果/ })).toBeVisible();
    const cloudAtlas = card(page, 'CloudAtlas (Unify Cloud) 一站式上云迁移管理套件');
    const bitTitan = card(page, /^BitTitan\s*数据迁移工具/);
    await expect(cloudAtlas).toBeVisible();
    await expect(bitTitan).toBeVisible();
    await expect(cloudAtlas.locator('.solution-name mark').first()).toHaveText('迁移');
    await expect(bitTitan.locator('.solution-name mark').first()).toHaveText('迁移');
    await expect(page.getByLabel('排序')).toHaveValue('relevance');
    await expect(page.getByText('关键字：迁移')).toBeVisible();
    await snapshot(page, 'storefront-search');

    // Filters stay in the URL alongside the keywords.
    await page.getByRole('textbox', { name: '最高价格' }).fill('1000');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect(page).toHaveURL(/q=%E8%BF%81%E7%A7%BB.*price_max=1000/);
    await expect(cloudAtlas).toHaveCount(0);
    await expect(bitTitan).toBeVisible();
    await page.getByRole('button', { name: '移除价格筛选' }).click();
    await expect(cloudAtlas).toBeVisible();

    // Keyboard: ↓ picks the first suggestion, Enter opens it.
    await box.fill('BitTitan');
    await expect(suggestions.getByRole('option', { name: /BitTitan/ }).first()).toBeVisible();
    await box.press('ArrowDown');
    await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/solutions\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: /BitTitan/ })).toBeVisible();

    // Escape closes the list.
    await box.fill('Azure');
    await expect(suggestions).toBeVisible();
    await box.press('Escape');
    await expect(suggestions).toBeHidden();

    // Nothing to search for: an inline message, no navigation.
    await box.fill('   ');
    await box.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: '请输入搜索关键字' })).toBeVisible();
    await box.fill('？！…');
    await box.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: /关键字需包含文字或数字|q/ })).toBeVisible();
    await expect(page).toHaveURL(/\/solutions\/\d+$/);
  });

  test('detail tabs: overview, cases, resources, support, agreement, reviews', async ({ page }) => {
    await page.goto('/solutions?q=SaaS4Me');
    await card(page, 'SaaS4Me Transport').getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'SaaS4Me Transport' })).toBeVisible();
    const tabs = page.getByRole('tablist', { name: '方案信息' });
    await expect(tabs.getByRole('tab')).toHaveText(['概述', '成功案例', '资源', '技术支持', '用户协议', /评价/]);
    await expect(page.getByRole('heading', { name: '产品特点' })).toBeVisible();
    await expect(page.getByRole('button', { name: '立即购买' })).toBeEnabled();

    await tabs.getByRole('tab', { name: '成功案例' }).click();
    const cases = page.getByRole('tabpanel', { name: '成功案例' });
    await expect(cases.getByRole('heading', { name: '陕西省国家税务局' })).toBeVisible();
    for (const part of ['关于用户', '核心挑战', '解决方案', '成果']) {
      await expect(cases.getByRole('heading', { name: part, exact: true })).toBeVisible();
    }
    await expect(cases).toContainText('180 台服务器');
    await snapshot(page, 'storefront-detail-cases');

    // Keyboard: → moves to the next tab.
    await tabs.getByRole('tab', { name: '成功案例' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: '资源' })).toHaveAttribute('aria-selected', 'true');
    const resources = page.getByRole('tabpanel', { name: '资源' });
    await resources.getByText('复制与恢复的速度?').click();
    await expect(resources.getByText(/千兆网络下单台约/)).toBeVisible();

    await tabs.getByRole('tab', { name: '技术支持' }).click();
    const support = page.getByRole('tabpanel', { name: '技术支持' });
    await expect(support.getByRole('link', { name: '400-085-0139' })).toHaveAttribute('href', 'tel:400-085-0139');
    await expect(support.getByRole('link', { name: 'askptc@oe.21vianet.com' })).toBeVisible();

    await tabs.getByRole('tab', { name: '用户协议' }).click();
    await expect(page.getByRole('tabpanel', { name: '用户协议' }).getByRole('heading', { name: '软件许可' })).toBeVisible();

    await tabs.getByRole('tab', { name: /评价/ }).click();
    const reviews = page.getByRole('tabpanel', { name: /评价/ });
    await expect(reviews).toContainText('共 3 条评价');
    await expect(reviews.getByRole('list', { name: '评分分布' }).getByRole('listitem')).toHaveCount(5);
    await expect(reviews).toContainText('迁移过程业务几乎无感知');
    await snapshot(page, 'storefront-detail-reviews');

    // Side bar and below.
    await expect(page.getByRole('heading', { name: '联系我们' })).toBeVisible();
    await expect(page.getByRole('complementary', { name: '推广' }).getByRole('link', { name: /ONESIGHT 一网互通/ })).toBeVisible();
    const similar = page.locator('section', { has: page.getByRole('heading', { name: '相似产品' }) });
    await expect(similar.getByRole('article').first()).toBeVisible();

    // A solution without cases says so.
    await page.goto('/solutions?q=safein');
    await page.getByRole('article').first().getByRole('link', { name: /^查看/ }).click();
    await page.getByRole('tab', { name: '成功案例' }).click();
    await expect(page.getByRole('tabpanel', { name: '成功案例' }).getByText('暂无数据')).toBeVisible();
  });

  test('consult ticket with an attachment, then a trial request', async ({ page }) => {
    await page.goto('/solutions?q=SaaS4Me');
    await card(page, 'SaaS4Me Transport').getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'SaaS4Me Transport' })).toBeVisible();

    await page.getByRole('button', { name: '在线咨询' }).first().click();
    const consult = page.getByRole('dialog', { name: '在线创建工单' });
    await expect(consult).toBeVisible();
    // Empty required fields are flagged before anything is sent.
    await consult.getByRole('button', { name: '提交' }).click();
    await expect(consult.getByLabel('服务主题')).toHaveAttribute('aria-invalid', 'true');
    await expect(consult.getByRole('textbox', { name: '邮箱', exact: true })).toHaveAttribute('aria-invalid', 'true');

    await consult.getByLabel('服务类型').selectOption({ label: '售前咨询' });
    await consult.getByLabel('支持类别').selectOption({ label: '技术问题' });
    await consult.getByLabel('服务主题').fill(`迁移 180 台服务器的报价 ${id}`);
    const details = consult.getByLabel('服务详情');
    await details.fill('我们计划把 VMware 上的 180 台服务器迁移到云端，请提供报价与迁移周期。');
    await expect(consult.getByText(/^\d+\/300$/)).toHaveText('41/300');
    await consult.getByLabel('上传附件').setInputFiles({ name: '拓扑图.png', mimeType: 'image/png', buffer: PNG });
    await expect(consult.getByRole('list', { name: '已选择的附件' })).toContainText('拓扑图.png');
    await consult.getByRole('textbox', { name: '姓名', exact: true }).fill('访客张');
    await consult.getByLabel('电话号码').fill('13800138000');
    await consult.getByRole('textbox', { name: '邮箱', exact: true }).fill('bad-email');
    await consult.getByLabel('公司名称').fill('E2E 访客公司');
    await consult.getByRole('button', { name: '提交' }).click();
    await expect(consult.getByText('请输入有效的邮箱地址')).toBeVisible();
    await consult.getByRole('textbox', { name: '邮箱', exact: true }).fill(`visitor.${id}@e2e.example`);
    await snapshot(page, 'storefront-consult-form');
    await consult.getByRole('button', { name: '提交' }).click();

    const receipt = consult.getByRole('status');
    await expect(receipt).toContainText('提交成功');
    consultNumber = (await receipt.locator('.ticket-number').textContent())!.trim();
    expect(consultNumber).toMatch(/^ZX-\d+$/);
    await expect(receipt).toContainText(/会在 .+ 联系您/);
    await snapshot(page, 'storefront-consult-receipt');
    await consult.getByRole('button', { name: '完成' }).click();
    await expect(consult).toBeHidden();

    await page.getByRole('button', { name: /申请试用/ }).click();
    const trial = page.getByRole('dialog', { name: '申请试用' });
    await expect(trial).toBeVisible();
    await trial.getByRole('textbox', { name: '姓名', exact: true }).fill('访客李');
    await trial.getByRole('textbox', { name: '邮箱', exact: true }).fill(`trial.${id}@e2e.example`);
    await trial.getByRole('textbox', { name: '电话', exact: true }).fill('021-5555 6666');
    await trial.getByRole('textbox', { name: '公司', exact: true }).fill('E2E 试用公司');
    await trial.getByLabel('备注').fill('希望试用 DR 容灾版');
    await snapshot(page, 'storefront-trial-form');
    await trial.getByRole('button', { name: '提交' }).click();
    await expect(trial.getByRole('status')).toContainText('提交成功');
    trialNumber = (await trial.locator('.ticket-number').textContent())!.trim();
    expect(trialNumber).toMatch(/^SY-\d+$/);
    await page.keyboard.press('Escape');
    await expect(trial).toBeHidden();
  });

  test('the operator works both tickets: reply, note, status, attachment', async ({ operator }) => {
    const page = operator;
    await page.goto('/admin/tickets');
    await expect(page.getByRole('heading', { level: 1, name: '工单处理' })).toBeVisible();
    const table = page.getByRole('table', { name: '工单列表' });
    await expect(table.getByRole('link', { name: consultNumber })).toBeVisible();
    await expect(table.getByRole('link', { name: trialNumber })).toBeVisible();
    await page.getByRole('combobox', { name: '类型', exact: true }).selectOption({ label: '申请试用' });
    await expect(page).toHaveURL(/kind=trial/);
    await expect(table.getByRole('link', { name: consultNumber })).toHaveCount(0);
    await expect(table.getByRole('link', { name: trialNumber })).toBeVisible();
    await snapshot(page, 'admin-tickets');
    await page.getByRole('combobox', { name: '类型', exact: true }).selectOption({ label: '全部' });
    await table.getByRole('link', { name: consultNumber }).click();

    await expect(page.getByRole('heading', { level: 1, name: consultNumber })).toBeVisible();
    await expect(page.getByText('拓扑图.png')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载附件' }).click();
    expect((await download).suggestedFilename()).toBe('拓扑图.png');

    await page.getByLabel('设置状态').selectOption({ label: '处理中' });
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status').filter({ hasText: '工单已更新' })).toBeVisible();

    const message = page.getByLabel('内容');
    await message.fill('您好，报价单已发送至您的邮箱，请查收。');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByRole('status').filter({ hasText: '回复已发送' })).toBeVisible();
    const timeline = page.locator('section', { has: page.getByRole('heading', { name: '处理记录' }) });
    await expect(timeline).toContainText('报价单已发送至您的邮箱');
    // The status change reads as words, not as the log's own text.
    await expect(timeline).toContainText('状态：处理中；处理人：');
    await expect(timeline).not.toContainText('status=');

    await page.getByLabel('内容').fill('客户预算约 2 万，下周跟进。');
    await page.getByText('添加内部备注').click();
    await page.getByRole('button', { name: '提交' }).click();
    await expect(timeline).toContainText('下周跟进');

    await page.getByLabel('设置状态').selectOption({ label: '已关闭' });
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status').filter({ hasText: '工单已更新' })).toBeVisible();
    await expect(page.locator('.ticket-head .status-badge')).toHaveText('已关闭');
    await snapshot(page, 'admin-ticket');

    await page.goto('/admin/tickets?status=closed');
    await expect(page.getByRole('table', { name: '工单列表' }).getByRole('link', { name: consultNumber })).toBeVisible();
  });

  test('the operator creates and publishes a solution; search finds it until unpublished', async ({ operator, page }) => {
    const name = `E2E 云迁移测试方案 ${id}`;
    const sku = `E2E-${id}`.toUpperCase().replace(/[^A-Z0-9-]/g, '');
    await operator.goto('/admin/solutions');
    await expect(operator.getByRole('heading', { level: 1, name: '解决方案管理' })).toBeVisible();
    await snapshot(operator, 'admin-solutions');
    await operator.getByRole('link', { name: '新建解决方案' }).click();
    await expect(operator).toHaveURL(/\/admin\/solutions\/new$/);
    await operator.getByRole('textbox', { name: '名称', exact: true }).fill(name);
    await operator.getByRole('textbox', { name: '品牌', exact: true }).fill('蓝云咨询');
    await operator.getByLabel('分类').selectOption({ label: '备份与迁移' });
    await operator.getByLabel('简介').fill('端到端的测试方案，用于验证发布与搜索。');
    await operator.getByLabel('详细介绍').fill('第一段介绍。\n\n第二段介绍。');
    await operator.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(operator.locator('.media-preview')).toBeVisible();
    await operator.getByRole('textbox', { name: '版本名称 1' }).fill('标准版');
    await operator.getByRole('textbox', { name: 'SKU 编码 1' }).fill(sku);
    await operator.getByRole('textbox', { name: '单价（元，含税） 1' }).fill('abc');
    await operator.getByRole('button', { name: '添加特点' }).click();
    await operator.getByRole('textbox', { name: '特点 1' }).fill('零停机迁移');
    await operator.getByRole('button', { name: '保存并发布' }).click();
    // The price is not a number: nothing is sent.
    await expect(operator.getByRole('alert').filter({ hasText: '购买计划 #1 · 单价（元，含税）' })).toBeVisible();
    await operator.getByRole('textbox', { name: '单价（元，含税） 1' }).fill('99.50');
    await operator.getByRole('button', { name: '添加案例' }).click();
    await operator.getByRole('textbox', { name: '用户', exact: true }).fill('E2E 客户');
    await operator.getByLabel('成果').fill('迁移周期缩短一半。');
    await snapshot(operator, 'admin-solution-editor');
    await operator.getByRole('button', { name: '保存并发布' }).click();
    await expect(operator).toHaveURL(/\/admin\/solutions\/\d+$/);
    await expect(operator.getByRole('status').filter({ hasText: `已发布“${name}”` })).toBeVisible();
    const solutionUrl = operator.url();

    // A visitor finds it.
    await page.goto('/');
    await search(page, `云迁移测试方案 ${id}`);
    const found = card(page, name);
    await expect(found).toBeVisible();
    await expect(found).toContainText('¥99.5');
    await expect(found.locator('.vendor-tile.has-logo img')).toHaveAttribute('src', /media/);
    await found.getByRole('link', { name: `查看 ${name}` }).click();
    await page.getByRole('tab', { name: '成功案例' }).click();
    await expect(page.getByRole('heading', { name: 'E2E 客户' })).toBeVisible();

    // Unpublished, it is gone from the search.
    await operator.goto(solutionUrl);
    await operator.getByRole('button', { name: '保存并下架' }).click();
    await expect(operator.getByRole('status').filter({ hasText: `已下架“${name}”` })).toBeVisible();
    await operator.goto('/admin/solutions?status=draft');
    await expect(operator.getByRole('table', { name: '解决方案列表' }).getByRole('link', { name })).toBeVisible();

    await page.goto('/');
    await search(page, `云迁移测试方案 ${id}`);
    await expect(card(page, name)).toHaveCount(0);
  });
});

test('help center: contents, a page with its headings, and a missing page', async ({ page, consoleGuard }) => {
  consoleGuard.allow(/status of 404/);
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1, name: '帮助中心' })).toBeVisible();
  const toc = page.getByRole('navigation', { name: '目录' });
  const first = toc.getByRole('link').first();
  await expect(first).toBeVisible();
  await snapshot(page, 'storefront-help');
  await first.click();
  await expect(page).toHaveURL(/\/help\/[a-z0-9-]+$/);
  const menu = page.getByRole('navigation', { name: '目录' });
  await expect(menu.locator('a[aria-current="page"]')).toBeVisible();
  const headings = menu.locator('.help-headings a');
  if ((await headings.count()) > 0) {
    const anchor = (await headings.first().getAttribute('href'))!.slice(1);
    await headings.first().click();
    await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
  }
  await snapshot(page, 'storefront-help-page');

  await page.goto('/help/no-such-page');
  await expect(page.getByRole('heading', { name: '帮助页面不存在' })).toBeVisible();
});

test('brands show profiles and websites', async ({ page }) => {
  await page.goto('/brands');
  const bitTitan = page.getByRole('article', { name: 'BitTitan' });
  await expect(bitTitan).toContainText('全球领先的邮箱与文件迁移工具厂商');
  await snapshot(page, 'storefront-brands');
});

test('the storefront works at 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await expect(page.getByRole('region', { name: '轮播广告' })).toBeVisible();
  await expectNoSideScroll(page);
  await snapshot(page, 'storefront-home-mobile');
  await page.goto('/solutions?q=%E8%BF%81%E7%A7%BB');
  await expect(card(page, /^BitTitan/)).toBeVisible();
  await expectNoSideScroll(page);
  await snapshot(page, 'storefront-search-mobile');
  await page.goto('/solutions?q=SaaS4Me');
  await card(page, 'SaaS4Me Transport').getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
  await expect(page.getByRole('tablist', { name: '方案信息' })).toBeVisible();
  await expectNoSideScroll(page);
  await snapshot(page, 'storefront-detail-mobile');
  await page.getByRole('button', { name: '在线咨询' }).first().click();
  await expect(page.getByRole('dialog', { name: '在线创建工单' })).toBeVisible();
  await expectNoSideScroll(page);
  await snapshot(page, 'storefront-consult-mobile');
});

test('a signed-in company user finds the prefilled form and the ticket under 我的工单', async ({ browser, baseURL, consoleGuard }) => {
  const user = await otherBrowser(browser, baseURL, consoleGuard.watch);
  await login(user, DISTRIBUTOR_ADMIN);
  await user.goto('/solutions?q=BitTitan');
  await user.getByRole('article').first().getByRole('link', { name: /^查看/ }).click();
  await user.getByRole('button', { name: '在线咨询' }).first().click();
  const consult = user.getByRole('dialog', { name: '在线创建工单' });
  await expect(consult.getByRole('textbox', { name: '邮箱', exact: true })).toHaveValue(DISTRIBUTOR_ADMIN);
  await expect(consult.getByLabel('公司名称')).not.toHaveValue('');
  const topic = `邮箱迁移咨询 ${unique()}`;
  await consult.getByLabel('服务主题').fill(topic);
  await consult.getByLabel('服务详情').fill('请问 BitTitan 是否支持 Exchange 2010 迁移？');
  await consult.getByLabel('上传附件').setInputFiles({ name: '现网拓扑.png', mimeType: 'image/png', buffer: PNG });
  await consult.getByRole('button', { name: '提交' }).click();
  await expect(consult.getByRole('status')).toContainText('提交成功');
  await consult.getByRole('link', { name: '我的工单' }).click();
  await expect(user.getByRole('heading', { level: 1, name: '我的工单' })).toBeVisible();
  const row = user.getByRole('row', { name: new RegExp(topic) });
  await expect(row).toContainText('新建');
  await snapshot(user, 'account-tickets');
  await row.getByRole('link').first().click();
  await expect(user.getByText('暂无回复，我们会尽快与您联系')).toBeVisible();
  // The submitter can download what they attached.
  const download = user.waitForEvent('download');
  await user.getByRole('button', { name: '下载附件' }).click();
  expect((await download).suggestedFilename()).toBe('现网拓扑.png');
  await snapshot(user, 'account-ticket');
  await user.context().close();
});

test('the operator edits storefront content: banner, ad, partner, brand, news, help page, contact card', async ({ operator, page }) => {
  const id = unique();

  // Banner: shown on the home page once published.
  await operator.goto('/admin/banners');
  await expect(operator.getByRole('heading', { level: 1, name: '轮播广告' })).toBeVisible();
  await operator.getByRole('button', { name: '新建轮播广告' }).click();
  const bannerDialog = operator.getByRole('dialog', { name: '轮播广告' });
  await bannerDialog.getByRole('textbox', { name: '标题', exact: true }).fill(`E2E 横幅 ${id}`);
  await bannerDialog.getByRole('textbox', { name: '链接' }).fill('not a link');
  await bannerDialog.getByRole('combobox', { name: '状态' }).selectOption({ label: '已发布' });
  await bannerDialog.getByRole('button', { name: '保存' }).click();
  await expect(bannerDialog.getByText('请输入以 https:// 或 / 开头的链接')).toBeVisible();
  await bannerDialog.getByRole('textbox', { name: '链接' }).fill('/solutions?q=E2E');
  await bannerDialog.getByRole('textbox', { name: '排序' }).fill('99');
  await snapshot(operator, 'admin-banner-dialog');
  await bannerDialog.getByRole('button', { name: '保存' }).click();
  await expect(bannerDialog).toBeHidden();
  await expect(operator.getByRole('table', { name: '轮播广告' })).toContainText(`E2E 横幅 ${id}`);
  await snapshot(operator, 'admin-banners');
  await page.goto('/');
  const carousel = page.getByRole('region', { name: '轮播广告' });
  await carousel.getByRole('button', { name: '第 4 张' }).click();
  await expect(carousel.getByRole('group', { name: '4 / 4' })).toContainText(`E2E 横幅 ${id}`);

  // Ad in the list side column.
  await operator.goto('/admin/ads');
  await operator.getByRole('button', { name: '新建广告' }).click();
  const adDialog = operator.getByRole('dialog', { name: '广告' });
  await adDialog.getByRole('combobox', { name: '广告位置' }).selectOption({ label: '列表侧栏' });
  await adDialog.getByRole('textbox', { name: '标题', exact: true }).fill(`E2E 广告 ${id}`);
  await adDialog.getByRole('combobox', { name: '状态' }).selectOption({ label: '已发布' });
  await adDialog.getByRole('button', { name: '保存' }).click();
  await expect(adDialog).toBeHidden();
  await expect(operator.getByRole('table', { name: '广告位' })).toContainText(`E2E 广告 ${id}`);
  await snapshot(operator, 'admin-ads');

  // Partner and brand profile.
  await operator.goto('/admin/partners');
  await operator.getByRole('button', { name: '新建合作伙伴' }).click();
  const partnerDialog = operator.getByRole('dialog', { name: '合作伙伴' });
  await partnerDialog.getByRole('textbox', { name: '名称' }).fill(`E2E 伙伴 ${id}`);
  await partnerDialog.getByRole('textbox', { name: '网址' }).fill('https://partner.example');
  await partnerDialog.getByRole('combobox', { name: '状态' }).selectOption({ label: '已发布' });
  await partnerDialog.getByRole('button', { name: '保存' }).click();
  await expect(partnerDialog).toBeHidden();
  await snapshot(operator, 'admin-partners');

  await operator.goto('/admin/brands');
  const brandRow = operator.getByRole('row', { name: /BitTitan/ });
  await brandRow.getByRole('button', { name: '编辑' }).click();
  const brandDialog = operator.getByRole('dialog', { name: '品牌资料' });
  await brandDialog.getByRole('textbox', { name: '网址' }).fill('https://www.bittitan.com');
  await brandDialog.getByRole('button', { name: '保存' }).click();
  await expect(brandDialog).toBeHidden();
  await snapshot(operator, 'admin-brands');
  await page.goto('/brands');
  await expect(page.getByRole('link', { name: '访问 BitTitan 官网' })).toHaveAttribute('href', 'https://www.bittitan.com');

  // News.
  await operator.goto('/admin/news');
  await operator.getByRole('link', { name: '发布新闻' }).click();
  await operator.getByRole('textbox', { name: '标题', exact: true }).fill(`E2E 新闻 ${id}`);
  await operator.getByRole('textbox', { name: '摘要' }).fill('端到端测试发布的新闻。');
  await operator.getByRole('textbox', { name: '正文（Markdown）' }).fill('## 小标题\n\n正文 **加粗**。');
  await operator.getByRole('combobox', { name: '状态' }).selectOption({ label: '已发布' });
  await snapshot(operator, 'admin-news-editor');
  await operator.getByRole('button', { name: '保存' }).click();
  await expect(operator).toHaveURL(/\/admin\/news$/);
  await expect(operator.getByRole('table', { name: '新闻动态' })).toContainText(`E2E 新闻 ${id}`);
  await page.goto('/news');
  await page.getByRole('link', { name: `E2E 新闻 ${id}` }).click();
  await expect(page.getByRole('heading', { name: '小标题' })).toBeVisible();
  await expect(page.locator('.rich-text strong')).toHaveText('加粗');

  // Help page with headings for its contents.
  const slug = `e2e-${id}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  await operator.goto('/admin/help');
  await operator.getByRole('link', { name: '新建帮助页面' }).click();
  await operator.getByRole('textbox', { name: '标题', exact: true }).fill(`E2E 帮助 ${id}`);
  await operator.getByRole('textbox', { name: '网址名称' }).fill(slug);
  await operator.getByRole('textbox', { name: '正文（Markdown）' }).fill('## 第一节\n\n内容一。\n\n### 小节\n\n内容二。');
  await operator.getByRole('combobox', { name: '状态' }).selectOption({ label: '已发布' });
  await operator.getByRole('button', { name: '保存' }).click();
  await expect(operator).toHaveURL(/\/admin\/help$/);
  await snapshot(operator, 'admin-help');
  await page.goto(`/help/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: `E2E 帮助 ${id}` })).toBeVisible();
  const menu = page.getByRole('navigation', { name: '目录' });
  await expect(menu.getByRole('link', { name: '第一节' })).toBeVisible();
  await expect(menu.getByRole('link', { name: '小节' })).toBeVisible();

  // Contact card.
  await operator.goto('/admin/contact');
  await expect(operator.getByRole('textbox', { name: '响应时间' })).not.toHaveValue('');
  await operator.getByRole('textbox', { name: '电话号码' }).fill('abc');
  await operator.getByRole('button', { name: '保存' }).click();
  await expect(operator.getByText('请输入有效的电话号码')).toBeVisible();
  await operator.getByRole('textbox', { name: '电话号码' }).fill('400-820-8820');
  await operator.getByRole('button', { name: '保存' }).click();
  await expect(operator.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await snapshot(operator, 'admin-contact');
  await page.goto('/solutions?q=SaaS4Me');
  await card(page, 'SaaS4Me Transport').getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
  await expect(page.locator('.contact-box')).toContainText('400-820-8820');
});

test('refused keywords and too many submissions are explained', async ({ page, consoleGuard }) => {
  // The browser logs the 422 and 429 answers itself.
  consoleGuard.allow(/status of (422|429)/);
  await page.goto('/solutions?q=%21%21%21');
  const alert = page.getByRole('alert').filter({ hasText: '关键字需包含文字或数字' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('enter letters, digits or Chinese characters to search');
  await snapshot(page, 'storefront-bad-query');

  // The server's rate limit (simulated: the real one allows a few requests per minute).
  await page.route('**/api/v1/tickets/trial', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      headers: { 'retry-after': '30' },
      body: JSON.stringify({ code: 'rate_limited', message: 'too many requests; try again in 30 seconds' }),
    }),
  );
  await page.goto('/solutions?q=SaaS4Me');
  await card(page, 'SaaS4Me Transport').getByRole('link', { name: '查看 SaaS4Me Transport' }).click();
  await page.getByRole('button', { name: /申请试用/ }).click();
  const trial = page.getByRole('dialog', { name: '申请试用' });
  await trial.getByRole('textbox', { name: '姓名', exact: true }).fill('访客王');
  await trial.getByRole('textbox', { name: '邮箱', exact: true }).fill('wang@e2e.example');
  await trial.getByRole('textbox', { name: '电话', exact: true }).fill('13900139000');
  await trial.getByRole('textbox', { name: '公司', exact: true }).fill('E2E 公司');
  await trial.getByRole('button', { name: '提交' }).click();
  // The wait comes from Retry-After.
  await expect(trial.getByRole('alert')).toHaveText('提交太频繁，请在 30 秒后再试');
  // The form keeps what was typed.
  await expect(trial.getByRole('textbox', { name: '姓名', exact: true })).toHaveValue('访客王');
});

test('the carousel advances every 5 seconds and pauses under the pointer', async ({ page }) => {
  const start = new Date('2026-06-01T08:00:00Z');
  await page.clock.install({ time: start });
  await page.goto('/');
  const carousel = page.getByRole('region', { name: '轮播广告' });
  const active = carousel.locator('.carousel-slide.is-active');
  await expect(active).toHaveAttribute('aria-label', /^1 \/ \d+$/);
  // From here on, time only moves when the test says so.
  await page.clock.pauseAt(new Date(start.getTime() + 3_000));
  await expect(active).toHaveAttribute('aria-label', /^1 \/ \d+$/);
  await page.clock.runFor(5_100);
  await expect(active).toHaveAttribute('aria-label', /^2 \/ \d+$/);
  await carousel.hover();
  await page.clock.runFor(11_000);
  await expect(active).toHaveAttribute('aria-label', /^2 \/ \d+$/);
  await page.mouse.move(5, 790);
  await page.clock.runFor(5_100);
  await expect(active).toHaveAttribute('aria-label', /^3 \/ \d+$/);
  // The pause button stops it.
  await carousel.getByRole('button', { name: '暂停轮播' }).click();
  await expect(carousel.getByRole('button', { name: '继续轮播' })).toBeVisible();
  await page.mouse.move(5, 790);
  await page.clock.runFor(11_000);
  await expect(active).toHaveAttribute('aria-label', /^3 \/ \d+$/);
});
