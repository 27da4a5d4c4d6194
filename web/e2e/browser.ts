import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser (infra/scripts/install-browser.sh installs it). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Signs up (or, with `login`, logs in) through the form, as a person would. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  login = false,
): Promise<void> {
  if (login) await page.getByRole('button', { name: /Already have an account/ }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: login ? 'Log in' : 'Sign up' }).click();
  await page.getByRole('button', { name: /^Log out/ }).waitFor();
}

/** Reads a number from an element's attribute or text. */
export async function numberAt(page: Page, testId: string, attribute?: string): Promise<number> {
  const element = page.getByTestId(testId);
  const raw = attribute ? await element.getAttribute(attribute) : await element.textContent();
  return Number(raw);
}

/** The admin's sales floor on a desktop-sized screen, logged in through the form. */
export async function openSalesFloor(
  browser: Browser,
  origin: string,
  admin: { email: string; password: string },
): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport: { width: 1200, height: 1100 } })
  ).newPage();
  await page.goto(origin);
  await signIn(page, admin.email, admin.password, true);
  await page.getByRole('link', { name: 'Sales floor' }).click();
  return page;
}
