// Bundles the extension with esbuild into one `dist/extension.js`.
// `vscode` is provided by the editor at run time; everything else, including
// vscode-languageclient, goes inside the bundle, so the packaged extension
// needs no node_modules. Also imported by the tests, which bundle into a
// directory of their own.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import * as path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function bundle({ production = false, outfile = path.join(root, "dist/extension.js") } = {}) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/extension.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    minify: production,
    sourcemap: !production,
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle({ production: process.argv.includes("--production") });
}
