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
    // The pages, and the shell behind the login, are loaded on first use
    // (src/components/lazyPage.tsx). React and the charts (echarts, the
    // largest, only with a page that draws one) get chunks of their own; the
    // other libraries are split by who uses them, so the login screen loads
    // only the UI components it draws, not every one the app uses. The
    // largest chunk (the charts) stays well under the limit.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // tslib's helpers are shared with the UI libraries: not in the charts' chunk
            { name: 'vendor', test: /node_modules[\\/]tslib[\\/]/, priority: 40 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
          ],
        },
      },
    },
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
