/** 人员导入: the office's roster sheet into the roster, through the common import dialog, with a template to start from. */
import type { ImportPreview, ImportResult } from '../../../../shared/contract/io';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/platform';
import { useAppState } from '../../app-state';
import { ImportDialog } from '../../components/ImportDialog';

export function PeopleImportDialog({ onClose, onDone }: { onClose: () => void; onDone: (result: ImportResult, preview: ImportPreview) => void }) {
  const { notify } = useAppState();
  const downloadTemplate = async () => {
    try {
      const file = await call('people.importTemplate', {});
      if ((await saveFile(file.fileName, file.base64)).saved) notify('已下载人员导入模板');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };
  return (
    <ImportDialog
      title="导入人员"
      intro={
        <>
          可以直接使用本单位现有的花名册：程序会找到表头（标题行、合并的表头都可以），按列名对应到姓名、身份证号、手机号、所属社区、所属网格、岗位、政治面貌、入职日期。
          已在名册中的人员按身份证号识别并更新；身份证号被 Excel 存成数字的行会报错。{' '}
          <button type="button" className="link" onClick={() => void downloadTemplate()}>
            下载导入模板
          </button>
        </>
      }
      preview={(file) => call('people.previewImport', file)}
      commit={(file) => call('people.import', file)}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
