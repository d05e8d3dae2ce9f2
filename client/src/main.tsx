import './zodWithoutEval.js';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './designsystemetWeb.js';
import './fonts.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { registerServiceWorker } from './offline.js';
import { startOutboxes } from './outbox/outboxes.js';
import { startSession } from './session.js';

startSession();
startOutboxes();
const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
