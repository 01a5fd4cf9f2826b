import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/global.css';
import { VelgTestperson } from './VelgTestperson';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <VelgTestperson />
  </StrictMode>,
);
