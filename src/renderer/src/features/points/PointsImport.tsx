/** 积分导入: the generic import dialog on excel.previewPoints / excel.importPoints, with the template to fill in. */
import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/platform';
import { useAppState } from '../../app-state';
import { ImportDialog } from '../../components/ImportDialog';

export function PointsImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { notify } = useAppState();
  const [downloading, setDownloading] = useState(false);
  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      const f = await call('points.importTemplate', {});
      await saveFile(f.fileName, f.base64);
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setDownloading(false);
    }
  };
  return (
    <ImportDialog
      title="积分导入"
      intro={
        <>
          每行一条积分记录：<b>姓名</b>、<b>身份证号</b>（同名的在岗人员须填写，且须为文本格式）、所属单位（可不填）、<b>日期</b>、
          <b>积分规则</b>（名称或编号）、<b>数量</b>、备注（扣分必填）。逐行核对规则施行期、人员是否在岗和上限；同一文件再次导入不会重复记分。{' '}
          <button type="button" className="btn small" onClick={() => void downloadTemplate()} disabled={downloading}>
            {downloading ? '正在生成…' : '下载模板'}
          </button>
        </>
      }
      preview={(f) => call('points.previewImport', f)}
      commit={(f) => call('points.import', f)}
      onDone={(r) => {
        notify(`已导入 ${r.counts.new} 条积分${r.counts.unchanged ? `（另有 ${r.counts.unchanged} 条此前已导入，未重复记分）` : ''}，导入前已自动备份`);
        onImported();
      }}
      onClose={onClose}
    />
  );
}
