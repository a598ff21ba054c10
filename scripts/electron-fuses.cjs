// electron-builder's afterPack hook: flips Electron's fuses in the packaged binary, so the shipped app cannot be
// turned into a plain Node (ELECTRON_RUN_AS_NODE), opened to a debugger from the command line, or made to load code
// from outside its (integrity-checked) app.asar. Needs @electron/fuses and the downloaded Electron: a packaging run only.
const path = require('node:path');

/** Every fuse of the V1 wire, set on purpose (strictlyRequireAllFuses: a new Electron fuse fails the build). */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // the window loads the app's own files (file://): keep what that needs
  GrantFileProtocolExtraPrivileges: true,
  WasmTrapHandlers: true,
};

/** The packaged Electron binary electron-builder wrote for this platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  return path.join(appOutDir, packager.executableName ?? name);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  await flipFuses(electronBinary(context), config);
}

module.exports = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
