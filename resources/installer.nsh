; electron-builder's NSIS include (electron-builder.yml: nsis.include). Uninstalling keeps the data folder (the data
; file, its backups, the audit log) unless the user ticks 删除数据 on a page of its own; a silent uninstall and the
; uninstall an upgrade runs first (--updated) never delete it.
;
; The data folder is Electron's userData, which src/main/index.ts sets to appData\网格考评: always the user's roaming
; %APPDATA%, also when the app was installed for all users.

!ifdef BUILD_UNINSTALLER
  !include "LogicLib.nsh"
  !include "nsDialogs.nsh"
  !include "MUI2.nsh"

  !define GRID_DATA_FOLDER_NAME "网格考评"

  Var gridDataDir
  Var gridDeleteDataBox
  Var gridDeleteData

  ; The page after the uninstaller's welcome page: where the data is, and the unticked 删除数据 box.
  Function un.gridDataPageShow
    !insertmacro MUI_HEADER_TEXT "考评数据" "选择卸载后是否保留考评数据"
    nsDialogs::Create 1018
    Pop $0
    ${If} $0 == error
      Abort
    ${EndIf}
    ${NSD_CreateLabel} 0 0 100% 40u "人员名册、考核分数、积分、星级、表彰、操作日志和全部备份都保存在下面的文件夹中。默认保留这些数据：重新安装本程序后可以继续使用。"
    Pop $0
    ${NSD_CreateText} 0 44u 100% 12u "$gridDataDir"
    Pop $0
    SendMessage $0 ${EM_SETREADONLY} 1 0
    ${NSD_CreateCheckbox} 0 66u 100% 12u "删除数据（以上文件夹中的全部数据和备份都将删除，无法恢复）"
    Pop $gridDeleteDataBox
    ${NSD_SetState} $gridDeleteDataBox ${BST_UNCHECKED}
    nsDialogs::Show
  FunctionEnd

  Function un.gridDataPageLeave
    ${NSD_GetState} $gridDeleteDataBox $0
    ${If} $0 == ${BST_CHECKED}
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "确定要删除全部考评数据和备份吗？删除后无法恢复。$\r$\n$\r$\n$gridDataDir" IDYES confirmed
      Abort ; stay on the page
      confirmed:
      StrCpy $gridDeleteData "1"
    ${Else}
      StrCpy $gridDeleteData "0"
    ${EndIf}
  FunctionEnd
!endif

!macro customUnInit
  StrCpy $gridDeleteData "0"
  ; electron keeps userData per user: read the current user's %APPDATA% whatever the install mode
  SetShellVarContext current
  StrCpy $gridDataDir "$APPDATA\${GRID_DATA_FOLDER_NAME}"
  ${If} $installMode == "all"
    SetShellVarContext all
  ${EndIf}
!macroend

!macro customUnWelcomePage
  !insertmacro MUI_UNPAGE_WELCOME
  UninstPage custom un.gridDataPageShow un.gridDataPageLeave
!macroend

!macro customUnInstall
  ${IfNot} ${isUpdated}
  ${AndIf} $gridDeleteData == "1"
    DetailPrint "正在删除考评数据：$gridDataDir"
    RMDir /r "$gridDataDir"
  ${EndIf}
!macroend
