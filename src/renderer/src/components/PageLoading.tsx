/** What shows while a page's code is read (each area and report is its own chunk). */
export function PageLoading() {
  return <div className="page-loading muted">正在加载…</div>;
}
