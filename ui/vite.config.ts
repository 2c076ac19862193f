// Builds the screens into ui/dist for the Tauri shell; no dev server is
// needed to run the app. Vitest runs the component tests in jsdom.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: { environment: "jsdom", globals: true, include: ["src/**/*.test.ts"] },
});
