// The renderer's entry: grid modules, translations, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerGridModules } from './components/grid/setup';
import { initI18n } from './i18n/i18n';
import './styles.css';

registerGridModules();
initI18n();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
