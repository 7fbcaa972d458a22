import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.js';
import { App } from './App.js';
import { PrefsProvider } from './prefs.js';
import { SessionProvider } from './session.js';
import './styles.css';

const client = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal will not change by asking again; a network blip may.
      retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
      staleTime: 2000,
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <PrefsProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </PrefsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
