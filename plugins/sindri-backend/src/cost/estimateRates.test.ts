import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { dailyHours } from './dailyHours';
import { deployedResources } from './deployedResources';
import { estimateRates } from './estimateRates';
import { PriceCatalog } from './priceCatalog';

const prices = resolvePackagePath('@internal/plugin-sindri-backend', 'prices');
const catalog = PriceCatalog.load(prices);
const examples = path.resolve(
  __dirname,
  '../../../../registry/sindri-v3/examples',
);
const example = (file: string) =>
  yaml.parse(fs.readFileSync(path.join(examples, file), 'utf8'));

describe('estimateRates', () => {
  it('prices a Fly.io machine by its preset in its region, memory beyond the preset and its volume, each with its page and date', () => {
    const rates = estimateRates(
      {
        provider: 'fly',
        cpus: 2,
        cpuKind: 'shared',
        memoryGb: 4,
        diskGb: 10,
        region: 'ams',
      },
      catalog,
    );
    expect(rates.missing).toEqual([]);
    const byItem = Object.fromEntries(
      rates.lines.map(l => [`${l.item}/${l.when}`, l]),
    );
    expect(byItem['shared-cpu-2x/running'].perHour).toBeCloseTo(
      0.00000156 * 3600,
      8,
    );
    expect(byItem['shared-cpu-2x/running'].source).toMatchObject({
      page: 'https://fly.io/docs/about/pricing/',
      date: '2025-08-19',
      region: 'ams',
    });
    // 4 GB against the preset's 0.5 GB: 3.5 GB at about $5 per 30 days
    expect(byItem['memory-gb/running'].perHour).toBeCloseTo((3.5 * 5) / 720, 8);
    // the volume is billed running and stopped
    expect(byItem['volume-gb/running'].perHour).toBeCloseTo(
      (10 * 0.15) / 730,
      8,
    );
    expect(byItem['volume-gb/stopped'].perHour).toBeCloseTo(
      (10 * 0.15) / 730,
      8,
    );
  });

  it('prices E2B per second of vCPU and memory, and a RunPod GPU with its stopped-volume rate', () => {
    const e2b = estimateRates(
      deployedResources(example('e2b-basic.yaml')),
      catalog,
    );
    expect(e2b.lines.map(l => [l.item, l.quantity])).toEqual([
      ['vcpu', 2],
      ['memory-gib', 4],
    ]);
    const runpod = estimateRates(
      { provider: 'runpod', gpu: { tier: 'a100', count: 2 }, diskGb: 50 },
      catalog,
    );
    const lines = Object.fromEntries(
      runpod.lines.map(l => [`${l.item}/${l.when}`, l]),
    );
    expect(lines['gpu:a100/running'].perHour).toBeCloseTo(2 * 1.79, 6);
    expect(lines['gpu:a100/running'].source.copyOf).toBe(
      'https://www.runpod.io/pricing',
    );
    expect(lines['volume-gb-stopped/stopped'].perHour).toBeCloseTo(
      (50 * 0.2) / 730,
      8,
    );
  });

  it('names what no table prices instead of guessing: a RunPod CPU pod, an unlisted GPU, DigitalOcean', () => {
    expect(
      estimateRates(deployedResources(example('runpod-cpu-only.yaml')), catalog)
        .missing,
    ).toEqual([
      'runpod CPU pods: RunPod publishes no list rate; set one in sindri.cost.rates',
    ]);
    expect(
      estimateRates(
        deployedResources(example('runpod-gpu-basic.yaml')),
        catalog,
      ).missing,
    ).toEqual(['runpod gpu:a4000: no rate']);
    const aws = estimateRates(
      deployedResources(example('devpod-aws.yaml')),
      catalog,
    );
    expect(aws.lines.map(l => [l.item, l.perHour])).toEqual([
      ['aws:c5.xlarge', 0.17],
    ]);
    expect(
      estimateRates(
        deployedResources(example('devpod-digitalocean.yaml')),
        catalog,
      ).missing,
    ).toEqual(['devpod digitalocean:s-4vcpu-8gb: no rate']);
  });

  it('keeps each shipped note whole, and refuses a price file with a key it does not know, naming the file and key', () => {
    expect(catalog.find('runpod', 'gpu:a100')?.note).toBe(
      'A100 80GB PCIe, Secure Cloud',
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-prices-'));
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'provider: x\ncurrency: USD\nrows:\n  - { item: a, price: 1, unit: hour, page: p, note: one, two }\n',
    );
    expect(() => PriceCatalog.load(dir)).toThrow(
      `${path.join(dir, 'bad.yaml')}: rows.0: Unrecognized key: "two"`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts own hardware as 0 unless the operator sets a rate, and then uses it with its source', () => {
    const docker = { provider: 'docker', cpus: 4, memoryGb: 8 };
    expect(estimateRates(docker, catalog)).toEqual({
      lines: [],
      missing: [
        'docker: own hardware, no rate set in sindri.cost.rates (counted as 0)',
      ],
    });
    const priced = estimateRates(
      docker,
      PriceCatalog.load(prices, [
        {
          provider: 'docker',
          item: 'vcpu',
          price: 0.02,
          unit: 'hour',
          source: 'internal chargeback 2026',
        },
      ]),
    );
    expect(priced.lines).toEqual([
      expect.objectContaining({
        item: 'vcpu',
        quantity: 4,
        perHour: 0.08,
        source: { page: 'internal chargeback 2026' },
      }),
    ]);
    expect(priced.missing).toEqual([
      'docker memory-gb: no rate (counted as 0)',
    ]);
  });
});

describe('dailyHours', () => {
  const at = (iso: string) => new Date(iso);
  it('splits running and stopped time by UTC day, from the status in force when the window starts', () => {
    const days = dailyHours(
      [
        { status: 'running', at: at('2026-11-28T18:00:00Z') },
        { status: 'stopped', at: at('2026-11-30T06:00:00Z') },
        { status: 'unresponsive', at: at('2026-11-30T18:00:00Z') },
        { status: 'running', at: at('2026-11-30T19:00:00Z') },
      ],
      at('2026-11-29T00:00:00Z'),
      at('2026-12-01T12:00:00Z'),
    );
    expect(days).toEqual([
      { date: '2026-11-29', runningHours: 24, stoppedHours: 0 },
      { date: '2026-11-30', runningHours: 6 + 6, stoppedHours: 12 },
      { date: '2026-12-01', runningHours: 12, stoppedHours: 0 },
    ]);
  });

  it('counts nothing before the first status change (not registered)', () => {
    expect(
      dailyHours(
        [{ status: 'running', at: at('2026-12-01T10:00:00Z') }],
        at('2026-11-30T00:00:00Z'),
        at('2026-12-01T12:00:00Z'),
      ),
    ).toEqual([
      { date: '2026-11-30', runningHours: 0, stoppedHours: 0 },
      { date: '2026-12-01', runningHours: 2, stoppedHours: 0 },
    ]);
  });
});
