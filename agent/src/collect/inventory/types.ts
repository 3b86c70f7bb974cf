import {
  InventoryComponent,
  InventorySource,
} from '@internal/plugin-sindri-common';

/** What one source gave: its components, or why none could be read. */
export type SourceResult =
  | { source: InventorySource; components: InventoryComponent[]; note?: string }
  | {
      source: InventorySource;
      error: { ok: false; missing: boolean; message: string };
    };
