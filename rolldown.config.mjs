// Bundles the compiled CLI (dist/, from tsc) into a few files under dist/bundle/, which bin/plan.js
// runs. Node 20 has no module compile cache: loading ~200 dist modules plus zod (95 files), yaml
// (72) and commander one file at a time took about 0.2 s of every command's start-up.
// Dynamic imports (each command, watch, simulate, the engine) stay separate chunks, loaded only
// when used. Left external: @duckdb/node-bindings (native; @duckdb/node-api, its JavaScript, is
// bundled), nunjucks (its internals are required
// at run time by src/render/jinja/nunjucks-internals.ts, which must see the same copy) and chokidar.
export default {
  input: { main: 'dist/cli/main.js' },
  platform: 'node',
  external: [/^@duckdb\/node-bindings/, /^node:/, /^nunjucks(\/|$)/, /^chokidar(\/|$)/],
  output: { dir: 'dist/bundle', format: 'esm', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name].js' },
};
