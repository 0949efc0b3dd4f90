import { defineConfig } from 'vite';

// Relative base: the build is embedded in the Tauri binary and served from tauri://.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: { environment: 'node' },
} as never);
