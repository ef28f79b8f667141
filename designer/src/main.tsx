/** Entry: mounts the designer into `#root`. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DesignerApp } from './app.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignerApp />
  </StrictMode>,
);
