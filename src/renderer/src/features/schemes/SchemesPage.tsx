export function SchemesPage() {
  return <div className="page"><h1>考核方案</h1></div>;
}
