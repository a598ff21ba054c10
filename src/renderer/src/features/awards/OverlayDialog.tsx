/**
 * 套打设置: where each variable field of a certificate (姓名, 单位, 荣誉称号, 发证单位, 日期) goes on the pre-printed
 * paper, in millimetres from its top-left corner, with a preview of the sheet; saved once in the settings.
 */
import { useCallback, useEffect, useState } from 'react';
import { OVERLAY_FIELD_KEYS, OVERLAY_FIELDS, type AwardPrintSettings, type OverlayField } from '../../../../shared/contract/awards';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { Dialog } from '../../components/Dialog';
import { useFormSubmit } from '../../components/useFormSubmit';

type Row = { x: string; y: string; size: string; show: boolean };
type Rows = Record<OverlayField, Row>;

const SAMPLE: Record<OverlayField, string> = { name: '张\u3000三', unit: '固戍社区第一网格', award: '优秀网格员', issuer: '西乡街道办事处', date: '2026年1月15日' };
/** The preview's scale: pixels a millimetre. */
const PX = 1.6;

const toRows = (s: AwardPrintSettings['overlay']): Rows =>
  Object.fromEntries(OVERLAY_FIELD_KEYS.map((k) => [k, { x: String(s.fields[k].x), y: String(s.fields[k].y), size: String(s.fields[k].size), show: s.fields[k].show }])) as Rows;
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

export function OverlayDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { data: settings } = useCall('awards.printSettings', {}, []);
  const [rows, setRows] = useState<Rows | null>(null);
  const [landscape, setLandscape] = useState(true);
  useEffect(() => {
    if (settings && rows === null) {
      setRows(toRows(settings.overlay));
      setLandscape(settings.overlay.landscape);
    }
  }, [settings, rows]);

  const set = (k: OverlayField, patch: Partial<Row>) => setRows((r) => (r ? { ...r, [k]: { ...r[k], ...patch } } : r));
  const save = useCallback(async () => {
    if (!settings || !rows) return;
    const fields = Object.fromEntries(OVERLAY_FIELD_KEYS.map((k) => [k, { x: num(rows[k].x), y: num(rows[k].y), size: num(rows[k].size), show: rows[k].show }])) as AwardPrintSettings['overlay']['fields'];
    await call('awards.savePrintSettings', { ...settings, overlay: { landscape, fields } });
    onSaved();
  }, [settings, rows, landscape, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const [w, h] = landscape ? [297, 210] : [210, 297];

  return (
    <Dialog title="套打设置" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="保存位置" hint="位置从纸张左上角量起，单位毫米；先用白纸试打，与证书纸叠在一起对光检查" width={1000}>
      {rows ? (
        <div className="overlay-setup">
          <div>
            <label className="overlay-paper">
              <input type="checkbox" checked={landscape} onChange={(e) => setLandscape(e.target.checked)} /> 证书纸横放（A4 横向）
            </label>
            <table className="simple overlay-table" aria-label="套打位置">
              <thead>
                <tr>
                  <th>打印</th>
                  <th>项目</th>
                  <th>左边距（毫米）</th>
                  <th>上边距（毫米）</th>
                  <th>字号（磅）</th>
                </tr>
              </thead>
              <tbody>
                {OVERLAY_FIELD_KEYS.map((k) => {
                  const label = OVERLAY_FIELDS[k];
                  const err = ['x', 'y', 'size'].map((f) => fieldErrors[`overlay.fields.${k}.${f}`]).find(Boolean);
                  return (
                    <tr key={k}>
                      <td>
                        <input type="checkbox" aria-label={`打印${label}`} checked={rows[k].show} onChange={(e) => set(k, { show: e.target.checked })} />
                      </td>
                      <td>
                        {label}
                        {err ? <div className="field-error">{err}</div> : null}
                      </td>
                      <td>
                        <input type="text" inputMode="decimal" aria-label={`${label}左边距`} value={rows[k].x} onChange={(e) => set(k, { x: e.target.value })} size={6} />
                      </td>
                      <td>
                        <input type="text" inputMode="decimal" aria-label={`${label}上边距`} value={rows[k].y} onChange={(e) => set(k, { y: e.target.value })} size={6} />
                      </td>
                      <td>
                        <input type="text" inputMode="numeric" aria-label={`${label}字号`} value={rows[k].size} onChange={(e) => set(k, { size: e.target.value })} size={4} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="overlay-preview" aria-label="套打预览" style={{ width: w * PX, height: h * PX }}>
            {OVERLAY_FIELD_KEYS.filter((k) => rows[k].show && Number.isFinite(num(rows[k].x)) && Number.isFinite(num(rows[k].y))).map((k) => (
              <span key={k} style={{ left: num(rows[k].x) * PX, top: num(rows[k].y) * PX, fontSize: `${(num(rows[k].size) || 12) * 0.3528 * PX}px` }}>
                {SAMPLE[k]}
              </span>
            ))}
          </div>
        </div>
      ) : (
        <p className="muted">正在读取…</p>
      )}
    </Dialog>
  );
}
