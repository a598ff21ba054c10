export function MonthsPage() {
  return <div className="page"><h1>月度考核</h1></div>;
}
