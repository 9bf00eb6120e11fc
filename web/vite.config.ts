import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by the Storelens server from web/dist; in development, Vite proxies the API.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
