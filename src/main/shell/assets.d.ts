/** A file imported with `?asset`: electron-vite copies it into out/main and the import is its path at run time. */
declare module '*?asset' {
  const path: string;
  export default path;
}
