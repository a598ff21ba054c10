import { useAppState } from '../../app-state';

/** Where the web host serves 使用说明 (resources/guide); the desktop app opens the copy it ships instead. */
export const GUIDE_URL = 'guide/index.html';

/**
 * 系统 → 帮助: 使用说明, a page of its own that can be printed (or saved as PDF). In the desktop app the shell opens the
 * guide it ships in the system's browser; in a browser tab it opens in a new tab from the local web host.
 */
export function HelpCard() {
  const { notify } = useAppState();
  const bridge = window.gridAppraisal;
  const openInApp = async () => {
    if (!(await bridge!.openGuide())) notify('无法打开使用说明，请在安装文件夹的 resources/guide 中打开 index.html', 'error');
  };
  return (
    <section className="card" aria-label="帮助" style={{ marginBottom: 16, display: 'flex', alignItems: 'center', gap: 12 }}>
      <h2 style={{ fontSize: 16, margin: 0 }}>帮助</h2>
      <span className="muted">首次使用、导入花名册、月度考核打分、归档、打印表彰名单、恢复备份，每一步都有截图，可以打印。</span>
      {bridge ? (
        <button type="button" className="btn" style={{ marginLeft: 'auto' }} onClick={() => void openInApp()}>
          使用说明
        </button>
      ) : (
        <a className="btn" style={{ marginLeft: 'auto', textDecoration: 'none' }} href={GUIDE_URL} target="_blank" rel="noopener noreferrer">
          使用说明
        </a>
      )}
    </section>
  );
}
