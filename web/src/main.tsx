import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SesjonProvider } from './sesjon';
import './shared/global.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SesjonProvider>
      <App />
    </SesjonProvider>
  </StrictMode>,
);
