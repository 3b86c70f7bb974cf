import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import {
  OsvTestServer,
  realOsvRecords,
} from '@internal/plugin-sindri-node/testUtils';
import { appUrl, backendUrl, OSV_PORT } from './portal/ports';
import { chromiumArgs, findChromium } from './portal/chromium';

/** Opens a URL; the app's dev server may reload the page (after a config file changed), so a navigation it aborts is tried again. */
async function visit(page: Page, url: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}

/** Waits until the locator shows; throws (failing the test) when it does not. */
async function shows(locator: Locator): Promise<boolean> {
  await locator.first().waitFor({ state: 'visible' });
  return true;
}

/** Polls until the check holds, every 50 ms; throws after 60 s. */
async function waitUntil(check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A local webhook receiver that checks each message's HMAC signature. */
async function webhookReceiver(key: string) {
  const received: Array<{ transition: string; alert: any; verified: boolean }> =
    [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const [, t, v1] =
        /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
          String(req.headers['x-sindri-signature']),
        ) ?? [];
      const expected = crypto
        .createHmac('sha256', key)
        .update(`${t}.${body}`)
        .digest('hex');
      const { transition, alert } = JSON.parse(body);
      received.push({ transition, alert, verified: v1 === expected });
      res.end();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise(r => server.close(r)),
  };
}

/** A Backstage token of the guest (an admin of the e2e portal). */
const guestToken = async () =>
  ((await (await fetch(`${backendUrl}/api/auth/guest/refresh`)).json()) as any)
    .backstageIdentity.token;

describe('the portal in a browser', () => {
  let browser: Browser;
  let page: Page;
  /** The entity page's tabs (links, or menus of them), once they are drawn. */
  const entityTabs = async () => {
    const tabs = page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('listitem');
    await tabs.first().waitFor();
    return (await tabs.allTextContents()).map(t => t.trim());
  };
  const sidebarLink = (name: string) =>
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name, exact: true });

  beforeAll(async () => {
    const executablePath = findChromium();
    if (!executablePath)
      throw new Error(
        "no Chromium found; install Debian's chromium or set CHROMIUM_PATH",
      );
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

    expect(
      await shows(page.getByRole('heading', { name: 'Sindri fleet' })),
    ).toBe(true);
    expect(page.url()).toBe(`${appUrl}/sindri`);
    // it opens on the overview: nothing registered, and it says so
    expect(await shows(page.getByText('Instances by provider'))).toBe(true);
    expect(
      await shows(page.getByText('No instance has registered.').first()),
    ).toBe(true);
    await page.getByRole('tab', { name: 'Instances' }).click();
    expect(page.url()).toBe(`${appUrl}/sindri/instances`);
    expect(await shows(page.getByText('No Sindri instances yet'))).toBe(true);
    expect(
      await shows(page.getByText(/console agent on it has enrolled/)),
    ).toBe(true);
  });

  it('shows the Sindri extensions in the catalog', async () => {
    await page.goto(
      `${appUrl}/catalog?filters[kind]=component&filters[type]=sindri-extension&filters[user]=all`,
    );

    // the registry's 67 and the example custom extension
    expect(
      await shows(page.getByText('All sindri-extension Components (68)')),
    ).toBe(true);
    expect(
      await shows(
        page.getByRole('link', { name: 'agent-browser', exact: true }),
      ),
    ).toBe(true);
  });

  it('has this repository and its plugins in the catalog, from catalog-info.yaml', async () => {
    await page.goto(`${appUrl}/catalog/default/system/sindri-fleet-portal`);

    expect(
      await shows(page.getByRole('heading', { name: 'sindri-fleet-portal' })),
    ).toBe(true);
    expect(
      await shows(
        page.getByRole('link', { name: 'sindri-backend-plugin', exact: true }),
      ),
    ).toBe(true);
    expect(
      await shows(
        page.getByRole('link', {
          name: 'catalog-backend-module-sindri',
          exact: true,
        }),
      ),
    ).toBe(true);
  });

  it('finds a Sindri extension with the portal search', async () => {
    const token = (
      (await (
        await fetch(`${backendUrl}/api/auth/guest/refresh`)
      ).json()) as any
    ).backstageIdentity.token;
    let locations: string[] = [];
    // the search index is built a few seconds after start, and again every minute
    for (
      let i = 0;
      i < 90 && !locations.includes('/catalog/sindri/component/playwright');
      i++
    ) {
      const res = await fetch(
        `${backendUrl}/api/search/query?term=playwright`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      locations = res.ok
        ? ((await res.json()) as any).results.map(
            (r: any) => r.document.location,
          )
        : [];
      if (!locations.length) await new Promise(r => setTimeout(r, 1000));
    }
    expect(locations).toContain('/catalog/sindri/component/playwright');
  });

  it('offers the sindri:config:validate template action', async () => {
    const token = (
      (await (
        await fetch(`${backendUrl}/api/auth/guest/refresh`)
      ).json()) as any
    ).backstageIdentity.token;
    const res = await fetch(`${backendUrl}/api/scaffolder/v2/actions`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any[]).map(a => a.id)).toContain(
      'sindri:config:validate',
    );
  });

  it('shows an extension entity as an extension: what it is, its BOM, its dependency graph, and none of the stock cards that could never hold anything', async () => {
    await page.goto(`${appUrl}/catalog/sindri/component/playwright`);

    expect(await shows(page.getByRole('heading', { name: 'playwright' }))).toBe(
      true,
    );
    expect(
      await shows(
        page.getByText('Playwright browser automation framework with Chromium'),
      ),
    ).toBe(true);
    // the Extension card: install needs, the bill of materials, who has it
    expect(await shows(page.getByText(/^Disk \d+ MB, memory \d+ MB/))).toBe(
      true,
    );
    expect(
      await shows(
        page
          .getByRole('table', { name: 'Bill of materials' })
          .getByRole('cell')
          .first(),
      ),
    ).toBe(true);
    expect(
      await shows(
        page.getByText('No instance you may read reports it installed.'),
      ),
    ).toBe(true);
    // the Dependencies card: playwright, what it needs and what needs it
    expect(
      await page
        .getByTestId('extension-node-playwright')
        .getAttribute('data-role'),
    ).toBe('selected');
    expect(
      await page.getByTestId('extension-node-nodejs').getAttribute('data-role'),
    ).toBe('dependency');
    expect(
      await page
        .getByTestId('extension-node-agent-browser')
        .getAttribute('data-role'),
    ).toBe('dependant');
    for (const stock of [
      'Provided APIs',
      'Consumed APIs',
      'Depends on components',
      'Depends on resources',
      'Has subcomponents',
      'Relations',
    ])
      expect(await page.getByRole('heading', { name: stock }).count()).toBe(0);
    // no TechDocs tab (it has no docs), no APIs tab (it has none)
    expect(await entityTabs()).toEqual(['Overview']);
  });

  it('draws the whole registry on the Extensions tab, and selecting agent-browser lights up what it needs', async () => {
    await page.goto(`${appUrl}/sindri`);
    await page.getByRole('tab', { name: 'Extensions' }).waitFor();
    const started = Date.now();
    await page.getByRole('tab', { name: 'Extensions' }).click();
    const edges = page.locator('.react-flow__edge');
    // the registry's 67 and 68, and the example custom extension acme-cli → nodejs
    await edges.nth(68).waitFor({ timeout: 15_000 });
    // eslint-disable-next-line no-console
    console.log(
      `extension graph: 68 nodes (67 + 1 custom) and 69 edges drawn ${
        Date.now() - started
      } ms after the tab was clicked`,
    );
    const nodes = page.locator('[data-testid^=extension-node-]');
    expect(await nodes.count()).toBe(68);
    expect(await edges.count()).toBe(69);
    expect(
      await page
        .getByTestId('extension-node-acme-cli')
        .getAttribute('data-custom'),
    ).toBe('true');
    expect(
      await page
        .getByTestId('extension-node-nodejs')
        .getAttribute('data-custom'),
    ).toBe('false');
    // the refused one is listed with its errors, and not drawn
    expect(
      await shows(
        page
          .getByTestId('invalid-custom-extensions')
          .getByText('(root): "install" is a required property'),
      ),
    ).toBe(true);
    expect(await page.getByTestId('extension-node-half-made').count()).toBe(0);

    // on the node's edge, not its name (the name links to the entity)
    await page
      .getByTestId('extension-node-agent-browser')
      .click({ position: { x: 3, y: 3 } });
    const role = (name: string) =>
      page.getByTestId(`extension-node-${name}`).getAttribute('data-role');
    expect(await role('agent-browser')).toBe('selected');
    for (const name of ['playwright', 'nodejs', 'mise-config'])
      expect(await role(name)).toBe('dependency');
    expect(await role('python')).toBe('dimmed');
    // agent-browser → nodejs, agent-browser → playwright, playwright → nodejs, nodejs → mise-config
    expect(
      await page.locator('.react-flow__edge.sindri-edge-lit').count(),
    ).toBe(4);
    if (process.env.SINDRI_E2E_SCREENSHOTS)
      await page.screenshot({
        path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'extensions.png'),
      });
    expect(
      await shows(
        page
          .getByTestId('extension-details')
          .getByText('Needs (3): mise-config, nodejs, playwright'),
      ),
    ).toBe(true);

    await page
      .getByTestId('extension-node-playwright')
      .getByRole('link')
      .click();
    expect(await shows(page.getByRole('heading', { name: 'playwright' }))).toBe(
      true,
    );
    expect(page.url()).toBe(`${appUrl}/catalog/sindri/component/playwright`);
  });

  describe('with a demo agent running', () => {
    let agent: ChildProcess | undefined;
    // the log files e2e-1's agent follows
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-e2e-logs-'));
    // e2e-1's Sindri status ledger, in Sindri's format: nodejs and mise-config installed, python failed
    const ledger = path.join(logDir, 'status_ledger.jsonl');
    const ledgerEvent = (
      n: number,
      name: string,
      after: string,
      event: object,
    ) =>
      JSON.stringify({
        event_id: `6f1c2b1e-1d2a-4c3b-8a4e-1f2a3b4c5d0${n}`,
        timestamp: new Date(Date.now() - (10 - n) * 60_000).toISOString(),
        extension_name: name,
        cli_version: '3.1.3',
        state_before: null,
        state_after: after,
        event: { extension_name: name, ...event },
      });
    fs.writeFileSync(
      ledger,
      `${[
        ledgerEvent(1, 'mise-config', 'installed', {
          type: 'install_completed',
          version: '1.0.0',
          duration_secs: 3,
          components_installed: ['mise'],
        }),
        ledgerEvent(2, 'nodejs', 'installed', {
          type: 'install_completed',
          version: '1.0.0',
          duration_secs: 42,
          components_installed: ['node'],
        }),
        ledgerEvent(3, 'python', 'failed', {
          type: 'install_failed',
          version: '1.1.0',
          error_message: 'mise: python@3.13 download failed',
          retry_count: 0,
          duration_secs: 9,
        }),
      ].join('\n')}\n`,
    );

    // the advisory source: real OSV records, served locally (stopped below to play an outage)
    let osv: OsvTestServer | undefined;
    beforeAll(async () => {
      osv = await OsvTestServer.start({
        records: realOsvRecords(),
        port: OSV_PORT,
      });
    });

    afterAll(async () => {
      agent?.kill('SIGTERM');
      await osv?.stop();
    });

    it('shows the instance in the catalog within seconds, on the Sindri page, with its overview and charts', async () => {
      const started = Date.now();
      agent = spawn(
        process.execPath,
        [
          path.resolve(__dirname, '../../../scripts/demo-agent.mjs'),
          '--name',
          'e2e-1',
          '--url',
          backendUrl,
        ],
        {
          stdio: 'ignore',
          // two samples make a line: sample faster than the 30 s default
          env: {
            ...process.env,
            SINDRI_AGENT_METRICS_SECONDS: '2',
            SINDRI_AGENT_LOG_SOURCES: logDir,
            SINDRI_STATUS_LEDGER: ledger,
          },
        },
      );

      const token = (
        (await (
          await fetch(`${backendUrl}/api/auth/guest/refresh`)
        ).json()) as any
      ).backstageIdentity.token;
      let entity: any;
      while (Date.now() - started < 30_000) {
        const res = await fetch(
          `${backendUrl}/api/catalog/entities/by-name/resource/default/e2e-1`,
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
        if (res.ok) {
          entity = await res.json();
          break;
        }
        await new Promise(r => setTimeout(r, 100));
      }
      expect(entity?.metadata.labels['sindri.io/status']).toBe('running');

      await page.goto(`${appUrl}/sindri`);
      // the overview counts it, and its health links to the list filtered by it
      expect(await shows(page.getByText('Running', { exact: true }))).toBe(
        true,
      );
      await page.goto(`${appUrl}/sindri/instances?status=running`);
      expect(await shows(page.getByRole('link', { name: 'e2e-1' }))).toBe(true);
      expect(await shows(page.getByText('running'))).toBe(true);

      await page.goto(`${appUrl}/catalog/default/resource/e2e-1`);
      expect(
        await shows(page.getByText('Sindri instance', { exact: true })),
      ).toBe(true);
      expect(await shows(page.getByText('local', { exact: true }))).toBe(true);
      // an instance's own tabs, and no TechDocs tab that could only say an annotation is missing
      expect(await entityTabs()).toEqual([
        'Overview',
        'Metrics',
        'Terminal',
        'Commands',
        'Events',
        'Logs',
        'Config',
        'Cost',
        'Security',
      ]);

      await page.goto(`${appUrl}/catalog/default/resource/e2e-1/metrics`);
      // the agent samples metrics at start: a chart line and the process tables appear
      expect(await shows(page.locator('.recharts-line-curve'))).toBe(true);
      expect(
        await shows(page.getByText(/^Top by CPU \(\d+ processes\)$/)),
      ).toBe(true);
    });

    it('lists e2e-1 in the usage matrix against what its ledger reports, and marks them on its Extensions card', async () => {
      await page.goto(`${appUrl}/sindri/extensions?view=usage`);
      await page.getByLabel('Category').click();
      await page.getByRole('option', { name: 'languages' }).click();
      const state = (extension: string) =>
        page.getByTestId(`usage-e2e-1-${extension}`).getAttribute('data-state');
      await page.getByTestId('usage-e2e-1-nodejs').waitFor();
      expect(await state('nodejs')).toBe('installed');
      expect(await state('python')).toBe('failed');
      expect(await state('rust')).toBe('');
      await page.getByLabel('Category').click();
      await page.getByRole('option', { name: 'package-manager' }).click();
      await page.getByTestId('usage-e2e-1-mise-config').waitFor();
      expect(await state('mise-config')).toBe('installed');

      // the registry list: nodejs used by e2e-1, installed in 42 s; opened, it names e2e-1
      await page.goto(`${appUrl}/sindri/extensions?view=registry`);
      const nodejsRow = page
        .getByRole('link', { name: 'nodejs', exact: true })
        .locator('xpath=ancestor::tr[1]');
      expect(await shows(nodejsRow.getByText('42 s (p95 42 s, 1)'))).toBe(true);
      await nodejsRow.getByRole('button').first().click();
      expect(
        await shows(
          page
            .getByTestId('extension-instances-nodejs')
            .getByRole('link', { name: 'e2e-1' }),
        ),
      ).toBe(true);

      // the graph's details say how long the install took, from the ledger
      await page.goto(`${appUrl}/sindri/extensions`);
      await page
        .getByTestId('extension-node-nodejs')
        .click({ position: { x: 3, y: 3 } });
      expect(
        await shows(
          page
            .getByTestId('extension-details')
            .getByText(
              /Installs took 42 s on average, 42 s at p95, on 1 instance/,
            ),
        ),
      ).toBe(true);

      await page.goto(`${appUrl}/catalog/default/resource/e2e-1`);
      const mark = (extension: string) =>
        page
          .getByTestId(`extension-node-${extension}`)
          .getAttribute('data-mark');
      await page.getByTestId('extension-node-nodejs').waitFor();
      expect(await mark('nodejs')).toBe('installed');
      expect(await mark('mise-config')).toBe('installed');
      expect(await mark('python')).toBe('failed');
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(
            process.env.SINDRI_E2E_SCREENSHOTS,
            'instance-extensions.png',
          ),
          fullPage: true,
        });
    });

    it('lists what e2e-1 really has installed in its Security tab, an advisory the OSV server serves for one of them, exports CycloneDX, and says when it last synced once the server is gone', async () => {
      const headers = { Authorization: `Bearer ${await guestToken()}` };
      const security = async () =>
        (await (
          await fetch(`${backendUrl}/api/sindri/instances/e2e-1/security`, {
            headers,
          })
        ).json()) as any;
      // the agent reports at start; the portal asks the OSV server every 2 s
      const asked = Date.now();
      while (
        !(await security()).advisories?.some(
          (a: any) => a.id === 'GHSA-mq26-g339-26xf',
        )
      ) {
        if (Date.now() - asked > 60_000)
          throw new Error('no advisory for e2e-1 within 60 s');
        await new Promise(r => setTimeout(r, 1000));
      }
      await visit(page, `${appUrl}/catalog/default/resource/e2e-1/security`);
      const coreutils = execFileSync('dpkg-query', [
        '-W',
        '-f=${Version}',
        'coreutils',
      ]).toString();
      expect(
        await shows(
          page.getByTestId('inventory-sources').getByText(/dpkg \d+/),
        ),
      ).toBe(true);
      await page.getByPlaceholder('Filter').last().fill('coreutils');
      expect(
        await shows(page.getByRole('cell', { name: coreutils, exact: true })),
      ).toBe(true);
      expect(await shows(page.getByText('GHSA-mq26-g339-26xf').first())).toBe(
        true,
      );
      expect(await shows(page.getByText(/last synced/))).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'security.png'),
          fullPage: true,
        });

      // the CycloneDX export downloads and is valid CycloneDX 1.6
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CycloneDX' }).click(),
      ]);
      const bom = fs.readFileSync((await download.path())!, 'utf8');
      expect(
        await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(
          bom,
        ),
      ).toBeNull();
      expect(
        JSON.parse(bom).components.some(
          (c: any) => c.name === 'coreutils' && c.version === coreutils,
        ),
      ).toBe(true);

      // the OSV server goes away: the findings stay, and the tab says since when and when it last synced
      await osv!.stop();
      const stopped = Date.now();
      for (;;) {
        const { sync } = await security();
        if (
          sync.lastError &&
          Date.parse(sync.lastAttemptAt) > Date.parse(sync.lastSuccessAt)
        )
          break;
        if (Date.now() - stopped > 30_000)
          throw new Error('the portal did not notice the outage in 30 s');
        await new Promise(r => setTimeout(r, 500));
      }
      await visit(page, `${appUrl}/catalog/default/resource/e2e-1/security`);
      expect(
        await shows(
          page
            .getByTestId('advisory-sync')
            .getByText(/has not answered since .* Advisories last synced/),
        ),
      ).toBe(true);
      expect(await shows(page.getByText('GHSA-mq26-g339-26xf').first())).toBe(
        true,
      );
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(
            process.env.SINDRI_E2E_SCREENSHOTS,
            'security-outage.png',
          ),
          fullPage: true,
        });
    });

    it('opens a shell in the Terminal tab, answers 42, and brings the same session back after a refresh', async () => {
      await page.goto(`${appUrl}/catalog/default/resource/e2e-1/terminal`);
      const terminal = page.getByTestId('sindri-terminal').first();
      expect(await shows(page.getByText('live', { exact: true }))).toBe(true);
      await terminal.click();
      await page.keyboard.type('echo $((6*7))');
      await page.keyboard.press('Enter');
      const rows = page.locator('.xterm-rows');
      expect(await shows(rows.getByText(/^42\s*$/))).toBe(true);

      await page.reload();
      expect(await shows(page.getByText('live', { exact: true }))).toBe(true);
      // the replay brings back what the session showed before the refresh
      expect(
        await shows(page.locator('.xterm-rows').getByText('echo $((6*7))')),
      ).toBe(true);
      expect(
        await shows(page.locator('.xterm-rows').getByText(/^42\s*$/)),
      ).toBe(true);
    });

    it('runs a command from the Commands tab and shows its output, exit code and history', async () => {
      await page.goto(`${appUrl}/catalog/default/resource/e2e-1/commands`);
      await page
        .getByLabel('Command line')
        .fill("sh -c 'echo hello-$((6*7)); exit 3'");
      await page.getByRole('button', { name: 'Run' }).click();
      expect(await shows(page.getByText('hello-42'))).toBe(true);
      expect(await shows(page.getByText('failed').first())).toBe(true);
      expect(
        await shows(page.getByRole('cell', { name: '3', exact: true })),
      ).toBe(true);
      // the history lists the run
      expect(
        await shows(
          page.getByRole('cell', { name: /echo hello-\$\(\(6\*7\)\)/ }).first(),
        ),
      ).toBe(true);
    });

    it("lists the instance's events in its Events tab and the fleet's Activity, linked to what they concern", async () => {
      await page.goto(`${appUrl}/catalog/default/resource/e2e-1/events`);
      // what the agent reported, and what the portal saw: its connection, the terminal and the command above
      for (const label of [
        'Agent started',
        'Connected',
        'Terminal opened',
        'Command run',
      ])
        expect(
          await shows(page.getByRole('cell', { name: label, exact: true })),
        ).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'events-tab.png'),
          fullPage: true,
        });

      await page.goto(`${appUrl}/sindri/activity`);
      expect(await shows(page.getByText('Fleet activity'))).toBe(true);
      expect(await shows(page.getByRole('link', { name: 'e2e-1' }))).toBe(true);
      expect(
        await shows(page.getByRole('link', { name: 'commands', exact: true })),
      ).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'activity.png'),
          fullPage: true,
        });
    });

    it("shows a line written to a tailed file in the Logs tab's live tail within 2 s, and finds it by search with its words marked", async () => {
      const token = (
        (await (
          await fetch(`${backendUrl}/api/auth/guest/refresh`)
        ).json()) as any
      ).backstageIdentity.token;
      const found = async () =>
        (
          (await (
            await fetch(
              `${backendUrl}/api/sindri/instances/e2e-1/logs?q=e2e%20mirror`,
              { headers: { Authorization: `Bearer ${token}` } },
            )
          ).json()) as any
        ).items.length > 0;

      await page.goto(`${appUrl}/catalog/default/resource/e2e-1/logs`);
      // the stream answers (its headers) once the page's stored lines have loaded
      const tailOpen = page.waitForResponse(
        r => r.url().includes('/logs/tail') && r.status() === 200,
      );
      await page.getByLabel('Follow').check();
      expect(await shows(page.getByText(/^Following: matching lines/))).toBe(
        true,
      );
      await tailOpen;
      fs.appendFileSync(
        path.join(logDir, 'python.log'),
        'ERROR pip could not reach the e2e mirror\n',
      );
      const written = Date.now();
      // written, read by the agent, shipped, stored and streamed to the browser
      await page
        .getByText('ERROR pip could not reach the e2e mirror')
        .first()
        .waitFor({ timeout: 10_000 });
      expect(Date.now() - written).toBeLessThan(2_000);
      await waitUntil(found);

      await page.getByLabel('Follow').uncheck();
      await page.getByLabel('Search (every word)').fill('e2e mirror');
      if (process.env.SINDRI_E2E_SCREENSHOTS) {
        await new Promise(r => setTimeout(r, 3000));
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'logs-tab.png'),
          fullPage: true,
        });
      }
      expect(await shows(page.locator('mark', { hasText: 'mirror' }))).toBe(
        true,
      );
      expect(
        await shows(page.getByRole('cell', { name: 'error', exact: true })),
      ).toBe(true);
    });

    it('a second agent that dies: the counts turn, the heartbeat-lost alert fires to the Alerts page, the bell and a signed webhook, and its Events tab says so', async () => {
      const token = (
        (await (
          await fetch(`${backendUrl}/api/auth/guest/refresh`)
        ).json()) as any
      ).backstageIdentity.token;
      const api = (method: string, route: string, body?: unknown) =>
        fetch(`${backendUrl}/api/sindri${route}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const hook = await webhookReceiver('e2e-webhook-key');
      try {
        const channel = (await (
          await api('POST', '/alert-channels', {
            name: 'e2e receiver',
            type: 'webhook',
            url: hook.url,
            secret: 'e2e-webhook-key',
          })
        ).json()) as any;
        const rules = (await (await api('GET', '/alert-rules')).json()) as any;
        const lost = rules.items.find(
          (r: any) => r.condition.kind === 'heartbeat-lost',
        );
        const { id, builtin, updatedAt, updatedBy, ...input } = lost;
        expect(
          (
            await api('PUT', `/alert-rules/${id}`, {
              ...input,
              channels: [channel.id],
            })
          ).status,
        ).toBe(200);

        const second = spawn(
          process.execPath,
          [
            path.resolve(__dirname, '../../../scripts/demo-agent.mjs'),
            '--name',
            'e2e-2',
            '--url',
            backendUrl,
            '--owner',
            'user:development/guest',
          ],
          {
            stdio: 'ignore',
            env: { ...process.env, SINDRI_AGENT_HEARTBEAT_SECONDS: '2' },
          },
        );
        // the overview shows both once the second has registered
        await waitUntil(
          async () =>
            (
              await (await api('GET', '/fleet/summary')).json()
            ).health.running === 2,
        );
        await page.goto(`${appUrl}/sindri`);
        const count = (status: string, value: string) =>
          page
            .locator(`a[href$="/sindri/instances?status=${status}"]`)
            .getByText(value, { exact: true });
        expect(await shows(count('running', '2'))).toBe(true);

        // the agent dies without a word: its process is killed, not stopped
        const agentPid = Number(
          execFileSync('pgrep', ['-P', String(second.pid)], {
            encoding: 'utf8',
          }).trim(),
        );
        process.kill(agentPid, 'SIGKILL');
        await waitUntil(() =>
          hook.received.some(r => r.alert.instance === 'e2e-2'),
        );
        await page.goto(`${appUrl}/sindri`);
        expect(await shows(count('unresponsive', '1'))).toBe(true);
        expect(await shows(count('running', '1'))).toBe(true);
        // the map renders the world; local instances have no region to place
        const map = page.getByTestId('sindri-region-map');
        expect(await shows(map.locator('path'))).toBe(true);
        expect(
          await shows(
            page.getByText(
              /^Not on the map \(no known location\): local region not reported \(2\)/,
            ),
          ),
        ).toBe(true);

        const fired = hook.received.find(r => r.alert.instance === 'e2e-2')!;
        expect(fired).toMatchObject({
          verified: true,
          transition: 'fired',
          alert: { ruleName: 'Heartbeat lost', state: 'firing' },
        });

        await page.goto(`${appUrl}/sindri/alerts`);
        const row = page.getByRole('row').filter({ hasText: 'e2e-2' }).first();
        expect(await shows(row.getByText('Heartbeat lost'))).toBe(true);
        expect(await shows(row.getByText('firing'))).toBe(true);
        if (process.env.SINDRI_E2E_SCREENSHOTS)
          await page.screenshot({
            path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'alerts.png'),
            fullPage: true,
          });

        // the bell counts it (with e2e-1's advisory alert, which notified the same owners); the notifications page shows it to its owner
        const unread = (
          (await (
            await fetch(`${backendUrl}/api/notifications/status`, {
              headers: { Authorization: `Bearer ${await guestToken()}` },
            })
          ).json()) as any
        ).unread;
        expect(unread).toBeGreaterThanOrEqual(1);
        expect(
          await shows(
            page
              .getByRole('navigation', { name: 'sidebar nav' })
              .locator('a[href$="/notifications"]')
              .getByText(String(unread), { exact: true }),
          ),
        ).toBe(true);
        await visit(page, `${appUrl}/notifications`);
        expect(
          await shows(page.getByText('Firing: Heartbeat lost on e2e-2')),
        ).toBe(true);

        // the home page's Sindri cards
        await visit(page, appUrl);
        expect(await shows(page.getByText('Sindri fleet health'))).toBe(true);
        expect(
          await shows(
            page.getByRole('link', { name: 'Heartbeat lost on e2e-2' }),
          ),
        ).toBe(true);

        await page.goto(`${appUrl}/catalog/default/resource/e2e-2/events`);
        for (const label of ['Agent started', 'Heartbeat lost', 'Alert fired'])
          expect(
            await shows(page.getByRole('cell', { name: label, exact: true })),
          ).toBe(true);
      } finally {
        await hook.close();
      }
    });

    describe('as a viewer', () => {
      const rolesFile = process.env.SINDRI_E2E_ROLES_FILE!;
      const terminalDecision = async () => {
        const token = (
          (await (
            await fetch(`${backendUrl}/api/auth/guest/refresh`)
          ).json()) as any
        ).backstageIdentity.token;
        const res = await fetch(`${backendUrl}/api/permission/authorize`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            items: [
              {
                id: '1',
                permission: {
                  type: 'resource',
                  resourceType: 'sindri-instance',
                  name: 'sindri.instance.terminal',
                  attributes: { action: 'update' },
                },
                resourceRef: 'resource:default/e2e-1',
              },
            ],
          }),
        });
        return ((await res.json()) as any).items[0].result as string;
      };
      const roles = async (yaml: string, expected: string) => {
        fs.writeFileSync(rolesFile, yaml);
        const deadline = Date.now() + 30_000;
        while ((await terminalDecision()) !== expected) {
          if (Date.now() > deadline)
            throw new Error(
              `the role change did not apply within 30 s (wanted ${expected})`,
            );
          await new Promise(r => setTimeout(r, 250));
        }
      };

      beforeAll(async () => {
        await roles(
          'sindri:\n  permissions:\n    roles:\n      admin: []\n      viewer: [user:development/guest]\n',
          'DENY',
        );
      });
      afterAll(async () => {
        await roles('{}\n', 'ALLOW');
      });

      it('gets a clear "not permitted" in the Terminal tab, and the backend answers 403 to a direct upgrade', async () => {
        // the app's dev server reloads open pages when a config file changes
        await visit(page, `${appUrl}/catalog/default/resource/e2e-1/terminal`);
        expect(
          await shows(page.getByText(/not permitted to open a terminal/i)),
        ).toBe(true);
        expect(await page.getByTestId('sindri-terminal').count()).toBe(0);

        await page.goto(`${appUrl}/catalog/default/resource/e2e-1/commands`);
        expect(
          await shows(page.getByText('Commands are not available to you here')),
        ).toBe(true);
        expect(
          await page
            .getByText(/not permitted to run commands on this instance/i)
            .count(),
        ).toBeGreaterThan(0);
        expect(
          await page.getByRole('button', { name: 'Run' }).isDisabled(),
        ).toBe(true);

        const token = (
          (await (
            await fetch(`${backendUrl}/api/auth/guest/refresh`)
          ).json()) as any
        ).backstageIdentity.token;
        const status = await new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(
            `${backendUrl.replace(
              'http',
              'ws',
            )}/api/sindri/instances/e2e-1/terminal/e2e-direct-1`,
            {
              headers: { Authorization: `Bearer ${token}` },
            },
          );
          ws.on('open', () => reject(new Error('the upgrade was accepted')));
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
          ws.on('error', () => {});
        });
        expect(status).toBe(403);
      });
    });
  });

  describe('creating an instance from a template', () => {
    const entityStatus = async (name: string) =>
      (
        await fetch(
          `${backendUrl}/api/catalog/entities/by-name/resource/default/${name}`,
          { headers: { Authorization: `Bearer ${await guestToken()}` } },
        )
      ).status;

    /** Fills the first page every Sindri template has: name and owner. */
    async function instancePage(name: string) {
      await page.getByLabel('Name').first().fill(name);
      const owner = page.getByLabel('Owner').first();
      await owner.click();
      await owner.fill('guests');
      await page
        .getByRole('option', { name: /guests/ })
        .first()
        .click();
    }

    it("renders each template's TechDocs", async () => {
      for (const [template, text] of [
        ['sindri-python-ml', 'The template writes a'],
        ['sindri-fullstack-typescript', 'The template writes a'],
        ['sindri-rust-systems', 'The template writes a'],
        ['sindri-java-enterprise', 'The template writes a'],
        ['sindri-paste-your-own', 'The name you give replaces the'],
        ['sindri-clone-instance', 'Makes a new instance from the sindri.yaml'],
      ]) {
        await visit(page, `${appUrl}/docs/default/template/${template}`);
        // the first visit builds the docs with mkdocs; the reader shows them once its styles load
        await page.getByText(text).first().waitFor({ timeout: 90_000 });
      }
      expect(
        await shows(
          page.getByRole('heading', {
            name: 'Clone a Sindri instance',
            exact: true,
          }),
        ),
      ).toBe(true);
    });

    it('refuses an invalid pasted sindri.yaml in the form, naming the JSON path, before anything runs', async () => {
      await visit(
        page,
        `${appUrl}/create/templates/default/sindri-paste-your-own`,
      );
      await instancePage('e2e-pasted');
      await page.getByRole('button', { name: 'Next' }).click();
      await page
        .getByLabel('sindri.yaml')
        .fill(
          'version: "3.0"\nname: x\ndeployment:\n  provider: moon\nextensions:\n  profile: minimal\n',
        );
      await page.getByRole('button', { name: 'Review' }).click();
      expect(
        await shows(
          page.getByText(/\/deployment\/provider: "moon" is not one of/),
        ),
      ).toBe(true);
      expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(
        0,
      );
      expect(await entityStatus('e2e-pasted')).toBe(404);
    });

    it('creates an instance with the local driver: in the catalog within seconds, its terminal works, suspend, resume, clone and destroy', async () => {
      await visit(page, `${appUrl}/create/templates/default/sindri-python-ml`);
      await instancePage('e2e-created');
      await page.getByRole('button', { name: 'Next' }).click();
      // the driver picker starts on the portal's default, this machine
      expect(await shows(page.getByText('This machine (local driver)'))).toBe(
        true,
      );
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();

      // the task runs compose, validate and deploy; the deploy waits for the agent to register
      const open = page.getByRole('link', { name: 'Open the instance' });
      await open.waitFor({ timeout: 90_000 });
      const finished = Date.now();
      while ((await entityStatus('e2e-created')) !== 200) {
        if (Date.now() - finished > 10_000)
          throw new Error(
            'the new instance was not in the catalog within 10 s of the run',
          );
        await new Promise(r => setTimeout(r, 200));
      }
      await open.click();
      expect(await shows(page.getByText('Lifecycle', { exact: true }))).toBe(
        true,
      );

      await page.goto(
        `${appUrl}/catalog/default/resource/e2e-created/terminal`,
      );
      expect(await shows(page.getByText('live', { exact: true }))).toBe(true);
      await page.getByTestId('sindri-terminal').first().click();
      await page.keyboard.type('echo $((6*7))');
      await page.keyboard.press('Enter');
      expect(
        await shows(page.locator('.xterm-rows').getByText(/^42\s*$/)),
      ).toBe(true);

      await page.goto(`${appUrl}/catalog/default/resource/e2e-created`);
      const current = page.getByLabel('Current operation');
      const instanceStatus = async () =>
        (
          (await (
            await fetch(`${backendUrl}/api/sindri/instances/e2e-created`, {
              headers: { Authorization: `Bearer ${await guestToken()}` },
            })
          ).json()) as any
        ).status;
      await page.getByRole('button', { name: 'Suspend' }).click();
      expect(await shows(current.getByText('suspend:'))).toBe(true);
      expect(await shows(current.getByText('succeeded'))).toBe(true);
      expect(await shows(page.getByText('suspended', { exact: true }))).toBe(
        true,
      );
      expect(await instanceStatus()).toBe('stopped');
      // the overview card and the entity's status label follow
      expect(await shows(page.getByText('stopped', { exact: true }))).toBe(
        true,
      );
      await page.getByRole('button', { name: 'Resume' }).click();
      expect(await shows(current.getByText('resume:'))).toBe(true);
      // the resume waits for the agent to register again
      await current.getByText('succeeded').waitFor({ timeout: 60_000 });
      expect(await instanceStatus()).toBe('running');

      // the Config tab: the declared sindri.yaml in CodeMirror, checked as it is edited
      const headers = { Authorization: `Bearer ${await guestToken()}` };
      const declared = (
        (await (
          await fetch(
            `${backendUrl}/api/sindri/instances/e2e-created/config/versions/1`,
            { headers },
          )
        ).json()) as any
      ).sindriYaml as string;
      await page.goto(`${appUrl}/catalog/default/resource/e2e-created/config`);
      expect(
        await shows(
          page
            .getByTestId('drift-reason')
            .getByText(/local driver installs no extensions/),
        ),
      ).toBe(true);
      const editor = page.getByLabel('sindri.yaml of e2e-created');
      await editor.waitFor();
      // an invalid edit is refused in the editor, at its JSON path
      await editor.fill(
        declared.replace('name: e2e-created', 'name: e2e-renamed'),
      );
      expect(
        await shows(page.getByText(/^\/name: must stay "e2e-created"/)),
      ).toBe(true);
      expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(
        0,
      );
      const apply = page.getByRole('button', { name: 'Apply as version 2' });
      expect(await apply.isDisabled()).toBe(true);
      // adding an extension: stored as version 2 and applied as an update
      const withGolang = declared.replace(
        /^(\s+)- ollama$/m,
        '$1- ollama\n$1- golang',
      );
      expect(withGolang).not.toBe(declared);
      await editor.fill(withGolang);
      expect(await shows(page.getByText('valid: ready to apply'))).toBe(true);
      await apply.click();
      const updateBox = page.getByTestId('config-update');
      expect(await shows(updateBox.getByText('update'))).toBe(true);
      await updateBox.getByText('succeeded').waitFor({ timeout: 60_000 });
      // declared and reported differ until the instance reports the new file, then match again
      await page
        .getByText('in sync', { exact: true })
        .waitFor({ timeout: 30_000 });
      expect(
        await shows(
          page.getByTestId('drift-reason').getByText('matches version 2'),
        ),
      ).toBe(true);
      expect(await shows(page.getByText('2 (declared now)'))).toBe(true);
      const diff = page.getByTestId('sindri-yaml-diff');
      expect(await shows(diff.getByText('- golang'))).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'config.png'),
          fullPage: true,
        });
      const driftEvents = (
        (await (
          await fetch(
            `${backendUrl}/api/sindri/instances/e2e-created/events?type=drift`,
            { headers },
          )
        ).json()) as any
      ).items.map((e: any) => e.message);
      expect(driftEvents).toEqual([
        'matches its declared sindri.yaml again (matches version 2; the local driver installs no extensions: drift covers the sindri.yaml alone)',
        'drifted from its declared sindri.yaml: the sindri.yaml on the instance differs from version 2; the local driver installs no extensions: drift covers the sindri.yaml alone',
      ]);
      // the Cost tab: a figure at the configured rate, with the rate's source; the fleet's cost page sums it
      await page.goto(`${appUrl}/catalog/default/resource/e2e-created/cost`);
      expect(
        await shows(page.getByText('e2e: a configured rate for own hardware')),
      ).toBe(true);
      expect(await shows(page.getByText('$0.20'))).toBe(true);
      // a new instance is too new to be idle, and too new to be sized: it says so rather than recommend
      expect(await shows(page.getByText('Idle: Too new to judge'))).toBe(true);
      expect(
        await shows(page.getByText(/days of hourly samples; 7 are needed/)),
      ).toBe(true);
      const instanceCost = (await (
        await fetch(`${backendUrl}/api/sindri/instances/e2e-created/cost`, {
          headers,
        })
      ).json()) as any;
      expect(instanceCost.last30Days.total).toBeGreaterThan(0);
      expect(instanceCost.rates[0]).toMatchObject({
        item: 'vcpu',
        quantity: 4,
        perHour: 0.2,
      });
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'cost.png'),
          fullPage: true,
        });
      await page.goto(`${appUrl}/sindri/cost`);
      const fleetCost = (await (
        await fetch(`${backendUrl}/api/sindri/fleet/cost`, { headers })
      ).json()) as any;
      const row = fleetCost.instances.find(
        (i: any) => i.name === 'e2e-created',
      );
      expect(row.total).toBeGreaterThan(0);
      expect(fleetCost.total).toBeGreaterThanOrEqual(row.total);
      expect(
        await shows(page.getByRole('table').getByText('e2e-created').first()),
      ).toBe(true);

      // a small budget for the owner group, set on the cost page (the guest is an admin): crossed at once, the alert engine fires
      await page.getByText('Set a budget').click();
      await page
        .getByLabel('Owner group (group:namespace/name)')
        .fill('group:default/guests');
      await page.getByLabel('Monthly budget (USD)').fill('0.001');
      await page.getByRole('button', { name: 'Save' }).click();
      expect(
        await shows(page.getByText('Warn at create, clone and resume')),
      ).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(process.env.SINDRI_E2E_SCREENSHOTS, 'budgets.png'),
          fullPage: true,
        });
      const budgetAlert = async () =>
        (
          (await (
            await fetch(`${backendUrl}/api/sindri/alerts?state=firing`, {
              headers,
            })
          ).json()) as any
        ).items.find(
          (a: any) =>
            a.ruleName === 'Budget spent' && a.group === 'group:default/guests',
        );
      const budgetSet = Date.now();
      while (!(await budgetAlert())) {
        if (Date.now() - budgetSet > 30_000)
          throw new Error('no budget alert fired within 30 s');
        await new Promise(r => setTimeout(r, 500));
      }
      // eslint-disable-next-line no-console
      console.log(
        `budget alert firing ${
          Date.now() - budgetSet
        } ms after the budget was set`,
      );
      await page.goto(`${appUrl}/sindri/alerts`);
      expect(
        await shows(
          page
            .getByText(
              /group:default\/guests spent \$\d+\.\d+ of its \$0\.0010 budget/,
            )
            .first(),
        ),
      ).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(
            process.env.SINDRI_E2E_SCREENSHOTS,
            'budget-alert.png',
          ),
          fullPage: true,
        });

      await page.goto(`${appUrl}/catalog/default/resource/e2e-created`);

      // clone it from its card: the clone template opens with this instance as the source
      await page.getByRole('link', { name: 'Clone' }).click();
      await page.getByLabel('New name').fill('e2e-clone');
      await page.getByRole('button', { name: 'Next' }).click();
      // Review validates the step: wait for the driver picker to load its default
      expect(await shows(page.getByText('This machine (local driver)'))).toBe(
        true,
      );
      // the create page tells the clone's cost against the owner's budget, which warns
      expect(
        await shows(
          page.getByText(
            /left of its \$0\.0010 budget .* goes ahead with a warning/,
          ),
        ),
      ).toBe(true);
      if (process.env.SINDRI_E2E_SCREENSHOTS)
        await page.screenshot({
          path: path.join(
            process.env.SINDRI_E2E_SCREENSHOTS,
            'clone-budget.png',
          ),
          fullPage: true,
        });
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      await page
        .getByRole('link', { name: 'Open the clone' })
        .waitFor({ timeout: 90_000 });
      expect(await entityStatus('e2e-clone')).toBe(200);
      const cloned = await fetch(
        `${backendUrl}/api/sindri/instances/e2e-clone/deployment`,
        { headers: { Authorization: `Bearer ${await guestToken()}` } },
      );
      expect(((await cloned.json()) as any).sindriYaml).toContain('- ollama');
      // the budget warned: the clone's log says so
      const cloneOps = (await (
        await fetch(`${backendUrl}/api/sindri/instances/e2e-clone/operations`, {
          headers,
        })
      ).json()) as any;
      expect(
        cloneOps.items[0].log.map((l: any) => l.message ?? l).join('\n'),
      ).toMatch(/budget: group:default\/guests has \$0\.00 left/);
      await fetch(
        `${backendUrl}/api/sindri/budgets/${encodeURIComponent(
          'group:default/guests',
        )}`,
        { method: 'DELETE', headers },
      );
      await fetch(`${backendUrl}/api/sindri/instances/e2e-clone/lifecycle`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${await guestToken()}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ action: 'destroy', confirm: 'e2e-clone' }),
      });
      await visit(page, `${appUrl}/catalog/default/resource/e2e-created`);

      await page.getByRole('button', { name: 'Destroy' }).click();
      await page
        .getByLabel('Type the instance name to confirm')
        .fill('e2e-created');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Destroy' })
        .click();
      expect(
        await shows(
          page.getByText('e2e-created is destroyed and has left the catalog.'),
        ),
      ).toBe(true);
      const destroyed = Date.now();
      while ((await entityStatus('e2e-created')) !== 404) {
        if (Date.now() - destroyed > 10_000)
          throw new Error(
            'the destroyed instance was still in the catalog after 10 s',
          );
        await new Promise(r => setTimeout(r, 200));
      }
    });

    (process.env.SINDRI_CLI ? describe : describe.skip)(
      'with the real Sindri CLI',
      () => {
        it('runs sindri:deploy as a dry run through the real Sindri CLI and shows its answer in the scaffolder log', async () => {
          const template = {
            apiVersion: 'scaffolder.backstage.io/v1beta3',
            kind: 'Template',
            metadata: { name: 'e2e-dry-run' },
            spec: {
              type: 'sindri-environment',
              owner: 'group:default/guests',
              parameters: [],
              steps: [
                {
                  id: 'deploy',
                  name: 'Deploy',
                  action: 'sindri:deploy',
                  input: {
                    name: 'e2e-fly',
                    owner: 'group:default/guests',
                    driver: 'sindri-cli',
                    config: {
                      version: '3.0',
                      name: 'e2e-fly',
                      deployment: {
                        provider: 'fly',
                        image: 'ghcr.io/sindri-labs/sindri:latest',
                      },
                      extensions: { profile: 'minimal' },
                      providers: { fly: { region: 'ams' } },
                    },
                  },
                },
              ],
            },
          };
          const res = await fetch(`${backendUrl}/api/scaffolder/v2/dry-run`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${await guestToken()}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              template,
              values: {},
              directoryContents: [],
            }),
          });
          const body = (await res.json()) as any;
          expect({ status: res.status, error: body.error?.message }).toEqual({
            status: 200,
            error: undefined,
          });
          const log = body.log.map((l: any) => l.body.message).join('\n');
          // offline, the CLI's plan stops at its prerequisites: its own words reach the log
          expect(log).toContain('Deploying sindri to fly');
          expect(log).toContain(
            "the sindri-cli driver's plan for e2e-fly failed: sindri deploy: Prerequisites not satisfied: missing flyctl: Fly.io CLI",
          );
          expect(await entityStatus('e2e-fly')).toBe(404);
        });
      },
    );
  });
});
