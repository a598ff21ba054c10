/**
 * A small Chinese menu: editing (so copy and paste have their shortcuts everywhere, macOS included), zoom for
 * older eyes, the data folder, and About. Developer tools only in an unpackaged run.
 */
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  dataDir: string;
  /** 使用说明, opened in the system's browser. */
  guideFile: string;
  appVersion: string;
  /** The data file's schema version; null while it is refused (recovery). */
  schemaVersion: () => number | null;
}

export function installMenu(options: MenuOptions): void {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (!app.isPackaged) {
    view.push({ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' });
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: () => void shell.openPath(options.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'quit', label: '退出网格考评' } : { role: 'quit', label: '退出', accelerator: 'Alt+F4' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '帮助',
      submenu: [
        { label: '使用说明', click: () => void shell.openPath(options.guideFile) },
        { type: 'separator' },
        {
          label: '关于网格考评',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于网格考评',
              message: `网格考评 ${options.appVersion}`,
              detail: `数据文件夹：${options.dataDir}\n数据结构版本：${options.schemaVersion() ?? '（数据文件未在使用）'}`,
              buttons: ['确定'],
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
