import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/**
 * One list price as a price file ships it: what, how much per what, and where it was read.
 * Strict: an unquoted comma in a flow mapping makes a stray key, which would silently cut a note short.
 */
export const priceRowSchema = z.strictObject({
  item: z.string().min(1),
  price: z.number().nonnegative(),
  unit: z.enum(['second', 'hour', '30-days', 'gb-month']),
  region: z.string().optional(),
  /** the memory a machine preset includes (Fly.io) */
  memoryGb: z.number().positive().optional(),
  /** the page the figure was read from */
  page: z.string().min(1),
  /** the provider's own page that `page` reproduces, when it is a copy */
  copyOf: z.url().optional(),
  /** the date that page carries (or was checked on) */
  date: isoDate.optional(),
  note: z.string().optional(),
});

export type PriceRow = z.infer<typeof priceRowSchema>;

export const priceFileSchema = z.object({
  provider: z.string().min(1),
  currency: z.literal('USD'),
  rows: z.array(priceRowSchema),
});

/** A rate an operator set (`sindri.cost.rates`): a negotiated price, or one for own hardware. */
export interface ConfiguredRate {
  provider: string;
  item: string;
  price: number;
  unit: PriceRow['unit'];
  region?: string;
  source?: string;
}

const HOURS: Record<PriceRow['unit'], number> = {
  second: 1 / 3600,
  hour: 1,
  '30-days': 720,
  'gb-month': 730,
};

/** A row's price per hour (per GB-hour for storage). */
export const perHour = (row: Pick<PriceRow, 'price' | 'unit'>) =>
  row.price / HOURS[row.unit];

/**
 * The price tables shipped in `prices/` with the operators' rates over them:
 * a configured rate for a provider and item replaces the list price.
 */
export class PriceCatalog {
  private readonly rows = new Map<string, PriceRow[]>();

  constructor(
    files: Array<z.infer<typeof priceFileSchema>>,
    configured: ConfiguredRate[] = [],
  ) {
    for (const file of files)
      for (const row of file.rows) this.add(file.provider, row);
    for (const rate of configured) {
      const key = `${rate.provider}\n${rate.item}`;
      // a configured rate replaces every list row of its item
      this.rows.set(key, []);
      this.add(rate.provider, {
        item: rate.item,
        price: rate.price,
        unit: rate.unit,
        region: rate.region,
        page:
          rate.source ?? "app-config: sindri.cost.rates (the operator's rate)",
      });
    }
  }

  private add(provider: string, row: PriceRow) {
    const key = `${provider}\n${row.item}`;
    this.rows.set(key, [...(this.rows.get(key) ?? []), row]);
  }

  /** The row for an item, in the region when one is priced there, else the first listed. */
  find(provider: string, item: string, region?: string): PriceRow | undefined {
    const rows = this.rows.get(`${provider}\n${item}`) ?? [];
    return rows.find(r => region && r.region === region) ?? rows[0];
  }

  /** Reads every `*.yaml` price file of a directory; a bad file fails naming itself. */
  static load(dir: string, configured: ConfiguredRate[] = []): PriceCatalog {
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort()
      .map(f => {
        const parsed = priceFileSchema.safeParse(
          yaml.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
        );
        if (!parsed.success)
          throw new Error(
            `${path.join(dir, f)}: ${parsed.error.issues[0].path.join('.')}: ${
              parsed.error.issues[0].message
            }`,
          );
        return parsed.data;
      });
    return new PriceCatalog(files, configured);
  }
}
