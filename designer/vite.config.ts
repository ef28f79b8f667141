/**
 * Builds the designer (app studio at /design, admin console at /admin) into `designer/dist`, served
 * by the server (`runtime/http/designer-plugin.ts`) with its assets under `/design/assets/`. A
 * bundle of its own, so the end-user web app never loads the designer's code.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The designer imports ui/ (parts shared with the web app), engine/ and contract/ from the repository.
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: '/design/',
  plugins: [react()],
  // A build is a production build even when started from a test run (see build-if-needed.ts).
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  // The form designer's live preview runs the engine's form compiler in a worker, the one script
  // served with a policy that allows eval (ajv); see runtime/http/designer-plugin.ts.
  worker: {
    format: 'es',
    rollupOptions: {
      output: {
        entryFileNames: 'assets/preview-worker-[hash].js',
        chunkFileNames: 'assets/preview-worker-[name]-[hash].js',
      },
    },
  },
  server: {
    fs: { allow: [repo] },
    proxy: { '/api': 'http://localhost:3000' },
  },
}));
