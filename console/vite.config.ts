import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is served by Ferry itself under /console (no CDN, no separate server), so every asset
 * URL carries that base. `npm run dev:console` forwards /api to a running `ferry serve`.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 700 },
  // `ferry serve`'s default address; the dev server forwards the API there.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
