/** How the awards print (表彰名单 layout, 单名 padding, 套打 positions): keys of the `settings` table, defaults when absent. */
import type { Database } from 'better-sqlite3';
import { awardPrintSettingsInput, DEFAULT_AWARD_PRINT_SETTINGS, type AwardPrintSettings } from '../../../shared/contract/awards';
import type { HandlerContext } from '../context';

const KEYS = { listLayout: 'award.list_layout', padNames: 'award.pad_names', overlay: 'award.overlay' } as const;

export function readAwardPrintSettings(db: Database): AwardPrintSettings {
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'award.%'").all() as { key: string; value: string }[];
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  const d = DEFAULT_AWARD_PRINT_SETTINGS;
  const layout = get(KEYS.listLayout);
  const pad = get(KEYS.padNames);
  let overlay = d.overlay;
  const saved = get(KEYS.overlay);
  if (saved !== undefined) {
    // a value written by an older or damaged copy falls back to the defaults rather than breaking every print
    const parsed = awardPrintSettingsInput.shape.overlay.safeParse(JSON.parse(saved));
    if (parsed.success) overlay = parsed.data;
  }
  return {
    listLayout: layout === 'combined' || layout === 'grouped' ? layout : d.listLayout,
    padNames: pad === undefined ? d.padNames : pad === '1',
    overlay,
  };
}

export function saveAwardPrintSettings(ctx: HandlerContext, input: AwardPrintSettings): AwardPrintSettings {
  const before = readAwardPrintSettings(ctx.db);
  const upsert = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  upsert.run(KEYS.listLayout, input.listLayout);
  upsert.run(KEYS.padNames, input.padNames ? '1' : '0');
  upsert.run(KEYS.overlay, JSON.stringify(input.overlay));
  ctx.audit({ action: 'update', entity: 'settings', entityId: null, oldValue: { awards: before }, newValue: { awards: input } });
  return readAwardPrintSettings(ctx.db);
}
