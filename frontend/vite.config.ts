import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// The built app goes to dist/app, which the Go binary embeds (dist/.gitkeep keeps the embed pattern valid on
// a fresh clone before the first build).
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
