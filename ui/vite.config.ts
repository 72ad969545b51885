import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is served from the binary in production and from this dev server under `tauri dev`.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  build: {
    // Safari 16 (WebKitGTK has long passed it) keeps classes' private fields native: for Safari 15
    // they were rewritten into WeakMap look-ups, slower in every reactive read of the runtime.
    target: 'safari16',
    outDir: 'dist',
    emptyOutDir: true,
    // Keep every asset a file of its own: the content security policy allows no inline code.
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
