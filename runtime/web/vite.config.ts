/**
 * Builds the end-user web app into `runtime/web/dist`, served by the server at `/`
 * (`runtime/http/web-plugin.ts`). The form engine runs in a worker (`src/engine-worker.ts`) so the
 * page itself can keep a strict content security policy (see README.md).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The app imports ui/ (parts shared with the designer), engine/ and contract/ from the repository.
const repo = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react()],
  // A build is a production build even when started from a test run (see build-if-needed.ts).
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // React is one chunk of about 280 kB and the engine worker about 330 kB (about 180 kB gzipped together).
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  worker: {
    format: 'es',
    rollupOptions: {
      output: {
        entryFileNames: 'assets/engine-worker-[hash].js',
        chunkFileNames: 'assets/engine-worker-[name]-[hash].js',
      },
    },
  },
  server: {
    fs: { allow: [repo] },
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
}));
