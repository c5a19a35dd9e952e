import { expect } from '../fixtures/app';
import { test, login, OPERATOR } from '../fixtures/accounts';
import type { Page } from '@playwright/test';

// The release SPA is three bundles: a visitor's first page load fetches only the storefront's wasm;
// the account and console bundles load when their pages are first opened, and links between them
// keep working both ways (the session survives the switch).

/** The wasm bundles this page has fetched so far, by name (storefront, account, console). */
function wasmLoads(page: Page): string[] {
  const loaded: string[] = [];
  page.on('request', (request) => {
    const match = /\/([a-z]+)-[0-9a-f]+_bg\.wasm$/.exec(new URL(request.url()).pathname);
    if (match) loaded.push(match[1]);
  });
  return loaded;
}

test('a visitor loads only the storefront; sign-in and the console load their bundles on first visit', async ({
  page,
}) => {
  const loaded = wasmLoads(page);
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('heading', { name: '热门解决方案' })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: '解决方案' }).first().click();
  await expect(page).toHaveURL(/\/solutions$/);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  expect(loaded).toEqual(['storefront']);

  // 登录 is another bundle: the address loads it, query included.
  await page.goto('/solutions');
  await page.getByRole('banner').getByRole('link', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  expect(loaded).toEqual(['storefront', 'storefront', 'account']);

  // Back returns to the storefront page.
  await page.goBack();
  await expect(page).toHaveURL(/\/solutions$/);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();

  // The operator signs in (account bundle), opens the console and comes back to the storefront.
  await login(page, OPERATOR, undefined, '/login?next=%2Fadmin%2Fsolutions');
  await expect(page).toHaveURL(/\/admin\/solutions$/);
  await expect(page.getByRole('heading', { level: 1, name: '解决方案管理' })).toBeVisible();
  expect(loaded.at(-1)).toBe('console');
  await page.getByRole('banner').getByRole('link', { name: '首页' }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('button', { name: /账号：/ })).toBeVisible();
  expect(loaded.at(-1)).toBe('storefront');
});
