import { expect, snapshot } from '../fixtures/app';
import { test, DISTRIBUTOR_ADMIN, centerMenu, login, mailLink, otherBrowser } from '../fixtures/accounts';

// Issue 10 in the browser: one-time links stay with their recipient, and the operator's
// decisions stick. Every page runs under the server's Content Security Policy: a blocked script
// or style would show as a console error, which the console guard fails on.

test.describe.configure({ timeout: 90_000 });

test('an account manager sees the mail but not its one-time link', async ({ page, browser, baseURL, consoleGuard, operator }) => {
  const recipient = 'admin@testcompany-a.example';
  await page.goto('/forgot-password');
  await page.getByLabel('邮箱').fill(recipient);
  await page.getByRole('button', { name: '发送重置邮件' }).click();
  await expect(page.getByText('如果该邮箱已注册，我们已发送重置邮件')).toBeVisible();

  const manager = await otherBrowser(browser, baseURL, consoleGuard.watch);
  await login(manager, 'zhao.yikang@bluecloud.example');
  await manager.goto('/admin/mail');
  await expect(manager.getByRole('heading', { level: 1, name: '邮件' })).toBeVisible();
  const item = manager.locator('tbody.mail-item', { hasText: recipient }).filter({ hasText: /重置密码/ }).first();
  await item.getByRole('button', { name: /重置密码/ }).click();
  await expect(item.getByText('一次性链接已隐藏：只有收件人能在自己的邮箱中看到。')).toBeVisible();
  await expect(item.getByRole('link')).toHaveCount(0);
  await expect(item.getByLabel('邮件正文')).not.toContainText('token=');
  await snapshot(manager, 'mail-link-hidden');
  await manager.context().close();

  // In development without SMTP the operator admin's mailbox is everybody's inbox: the link is there.
  expect(await mailLink(operator, recipient, /重置密码/)).toMatch(/\/reset-password\?token=/);
});

test("the operator's disable sticks: the distributor sees it and can't undo it", async ({ page, operator, consoleGuard }) => {
  // The refused enable's 409 is logged by the browser itself.
  consoleGuard.allow(/status of 409/);
  await operator.goto('/admin/companies');
  const companies = operator.getByRole('table', { name: '公司列表' });
  const heenor = companies.getByRole('row', { name: /Heenor/ });
  await heenor.getByRole('button', { name: '禁用 Heenor' }).click();
  await expect(heenor.getByText('平台已禁用')).toBeVisible();
  await snapshot(operator, 'console-company-locked');

  await login(page, DISTRIBUTOR_ADMIN);
  await centerMenu(page).getByRole('link', { name: '经销商管理' }).click();
  const table = page.getByRole('table', { name: '经销商列表' });
  const row = table.getByRole('row', { name: /Heenor/ });
  await expect(row.getByText('平台已禁用')).toBeVisible();
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: '启用', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '平台已禁用，只有平台可以重新启用或删除' })).toBeVisible();
  await expect(row).toContainText('已禁用');
  await snapshot(page, 'resellers-operator-locked');

  // The operator lifts its own lock.
  await operator.goto('/admin/companies');
  await heenor.getByRole('button', { name: '启用 Heenor' }).click();
  await expect(heenor.getByText('平台已禁用')).toHaveCount(0);
});
