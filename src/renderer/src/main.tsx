import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// The district host (npm run district) serves this same bundle at /?district: only its pages, read-only.
const DistrictApp = lazy(() => import('./features/district/DistrictApp').then((m) => ({ default: m.DistrictApp })));
const district = new URLSearchParams(window.location.search).has('district');

createRoot(document.getElementById('root')!).render(<StrictMode>{district ? <Suspense fallback={null}><DistrictApp /></Suspense> : <App />}</StrictMode>);
