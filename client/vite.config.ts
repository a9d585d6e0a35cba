import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npx vite --config client/vite.config.ts` during development, against `npm start`.
    proxy: {
      '/api': { target: 'http://127.0.0.1:8025', ws: true, changeOrigin: true },
      '/view': 'http://127.0.0.1:8025',
    },
  },
});
