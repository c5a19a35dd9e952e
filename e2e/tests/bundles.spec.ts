import { expect, snapshot } from '../fixtures/app';
import { test, login, OPERATOR } from '../fixtures/accounts';
import type { Page } from '@playwright/test';

// The release SPA is three bundles: a visitor's first page load fetches only the storefront's wasm;
// the account and console bundles load when their pages are first opened, and links between them
// keep working both ways (the session survives the switch). Within the storefront, every page but
// the home page is a chunk fetched on its first visit (frontend/src/chunks.rs).

/**
 * The wasm this page has fetched so far: bundles by name (storefront, account, console), the
 * storefront's page chunks as `storefront/<chunk>` (catalog, detail, news, help, brands).
 */
function wasmLoads(page: Page): string[] {
  const loaded: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const bundle = /\/([a-z]+)-[0-9a-f]+_bg\.wasm$/.exec(path);
    const chunk = /\/split_([a-z]+)-[0-9a-f]+\.wasm$/.exec(path);
    if (bundle) loaded.push(bundle[1]);
    if (chunk) loaded.push(`storefront/${chunk[1]}`);
  });
  return loaded;
}

/** Only the bundles among the loads (no page chunks). */
function bundles(loaded: string[]): string[] {
  return loaded.filter((name) => !name.includes('/'));
}

test("the storefront fetches a page's code on its first visit, once", async ({ page }) => {
  const loaded = wasmLoads(page);
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  expect(loaded).toEqual(['storefront']);

  await page.getByRole('banner').getByRole('link', { name: '解决方案' }).first().click();
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  expect(loaded).toEqual(['storefront', 'storefront/catalog']);

  await page.getByRole('main').getByRole('article').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/solutions\/\d+$/);
  await expect(page.getByRole('tab', { name: '概述' })).toBeVisible();
  expect(loaded).toEqual(['storefront', 'storefront/catalog', 'storefront/detail']);

  // Back to the list and home again: nothing is fetched twice.
  await page.goBack();
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: '首页' }).first().click();
  await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  expect(loaded).toEqual(['storefront', 'storefront/catalog', 'storefront/detail']);
});

test('a page whose code cannot be fetched says so and offers a reload', async ({ page, consoleGuard }) => {
  // The browser logs the failed fetch, and the chunk loader the error it caught.
  consoleGuard.allow(/ERR_INTERNET_DISCONNECTED|Failed to fetch|TypeError/);
  await page.route(/\/split_help-[0-9a-f]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  await page.goto('/help');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('页面加载失败');
  await snapshot(page, 'storefront-chunk-failed');

  // Back online, 重新加载 brings the page.
  await page.unroute(/\/split_help-[0-9a-f]+\.wasm$/);
  await alert.getByRole('button', { name: '重新加载' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('a visitor loads only the storefront; sign-in and the console load their bundles on first visit', async ({
  page,
}) => {
  const loaded = wasmLoads(page);
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: '解决方案' }).first().click();
  await expect(page).toHaveURL(/\/solutions$/);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  expect(bundles(loaded)).toEqual(['storefront']);

  // 登录 is another bundle: the address loads it, query included.
  await page.goto('/solutions');
  await page.getByRole('banner').getByRole('link', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  expect(bundles(loaded)).toEqual(['storefront', 'storefront', 'account']);

  // Back returns to the storefront page.
  await page.goBack();
  await expect(page).toHaveURL(/\/solutions$/);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();

  // The operator signs in (account bundle), opens the console and comes back to the storefront.
  await login(page, OPERATOR, undefined, '/login?next=%2Fadmin%2Fsolutions');
  await expect(page).toHaveURL(/\/admin\/solutions$/);
  await expect(page.getByRole('heading', { level: 1, name: '解决方案管理' })).toBeVisible();
  expect(bundles(loaded).at(-1)).toBe('console');
  await page.getByRole('banner').getByRole('link', { name: '首页' }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('button', { name: /账号：/ })).toBeVisible();
  expect(bundles(loaded).at(-1)).toBe('storefront');
});
