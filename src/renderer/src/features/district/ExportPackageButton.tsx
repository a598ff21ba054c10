import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/platform';
import { useAppState } from '../../app-state';

/** 导出上报包: a finalised period's signed package for the district, saved where the user chooses. */
export function ExportPackageButton({ periodId }: { periodId: number }) {
  const { notify } = useAppState();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('district.exportPackage', { periodId });
      if ((await saveFile(file.fileName, file.base64)).saved) notify(`已导出上报包：${file.fileName}（${file.people} 人，${file.months} 个已归档月份）`);
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn small" disabled={busy} onClick={() => void run()} title="上报区里的汇总：已归档月份、年度结果、优秀名单、星级、表彰和分析数据，只含姓名和遮蔽后的身份证号，用本街道的密钥签名">
      {busy ? '正在导出…' : '导出上报包'}
    </button>
  );
}
