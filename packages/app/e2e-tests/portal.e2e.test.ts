import { Browser, chromium, Page } from 'playwright-core';
import { appUrl, backendUrl } from './portal/ports';
import { chromiumArgs, findChromium } from './portal/chromium';

describe('the portal in a browser', () => {
  let browser: Browser;
  let page: Page;
  const sidebarLink = (name: string) =>
    page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('no Chromium found; install Debian\'s chromium or set CHROMIUM_PATH');
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await sidebarLink('Sindri').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the Sindri health route with the embedded database', async () => {
    const res = await fetch(`${backendUrl}/api/sindri/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { client: 'better-sqlite3', reachable: true },
      registry: { extensions: 67, profiles: 7 },
    });
  });

  it('opens the Sindri page from the sidebar and shows the empty fleet with how to add an instance', async () => {
    await sidebarLink('Sindri').click();

    await page.getByRole('heading', { name: 'Sindri fleet' }).waitFor();
    expect(page.url()).toBe(`${appUrl}/sindri`);
    await page.getByText('No Sindri instances yet').waitFor();
    await page.getByText(/console agent enrolling the instance/).waitFor();
  });

  it('shows the Sindri extensions in the catalog', async () => {
    await page.goto(`${appUrl}/catalog?filters[kind]=component&filters[type]=sindri-extension&filters[user]=all`);

    await page.getByText('All sindri-extension Components (67)').waitFor();
    await page.getByRole('link', { name: 'agent-browser', exact: true }).waitFor();
  });

  it('shows an extension entity with its dependencies', async () => {
    await page.goto(`${appUrl}/catalog/sindri/component/playwright`);

    await page.getByRole('heading', { name: 'playwright' }).first().waitFor();
    await page.getByText('Playwright browser automation framework with Chromium').first().waitFor();
  });
});
