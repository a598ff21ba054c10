/**
 * The baseline of the first-screen benchmark: the least a React page can do to show 首页's figures — one call with the
 * host's token, three numbers — built by Vite like the app. No app shell, no styles, no grid or chart code.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

type Counts = { units: number; peopleInPost: number; peopleTotal: number };

function Bare() {
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    void fetch('/rpc/system.info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Grid-Token': token }, body: '{}' })
      .then((r) => r.json() as Promise<{ data: { counts: Counts } }>)
      .then((r) => setCounts(r.data.counts));
  }, []);
  return (
    <main>
      <h1>首页</h1>
      <div data-testid="people-in-post">{counts?.peopleInPost ?? '—'}</div>
      <div>{counts?.peopleTotal ?? '—'}</div>
      <div>{counts?.units ?? '—'}</div>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Bare />);
