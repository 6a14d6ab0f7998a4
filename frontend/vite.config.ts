/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app runs offline inside a Wails webview: everything is bundled, no CDN.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // dist/ is emptied on build; public/.gitkeep puts back the committed
    // dist/.gitkeep that go:embed needs before the first build.
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Generous: the suite must pass on a loaded 2-core machine, where the
    // 5 s default fails interaction-heavy tests that pass when it is idle.
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
