// Packages the extension into a .vsix: the production bundle, and with
// `--server PATH` a cstack-lsp executable placed at
// server/<platform>-<arch>/ and a platform-specific package
// (`vsce package --target`). Without `--server` the package is universal and
// the server comes from the settings or PATH.
//
//   node scripts/package.mjs [--server PATH] [--out FILE]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const server = option("--server");
const out = path.resolve(option("--out") ?? path.join(root, "cstack.vsix"));
const vsce = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");

execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--production"], { stdio: "inherit" });

const serverRoot = path.join(root, "server");
fs.rmSync(serverRoot, { recursive: true, force: true });
const vsceArgs = ["package", "--no-dependencies", "--skip-license", "--out", out];
try {
  if (server) {
    if (!fs.existsSync(server)) {
      console.error(`package: no server executable at ${server}`);
      process.exit(2);
    }
    const target = `${process.platform}-${process.arch}`;
    const name = process.platform === "win32" ? "cstack-lsp.exe" : "cstack-lsp";
    fs.mkdirSync(path.join(serverRoot, target), { recursive: true });
    fs.copyFileSync(server, path.join(serverRoot, target, name));
    fs.chmodSync(path.join(serverRoot, target, name), 0o755);
    vsceArgs.push("--target", target);
  }
  execFileSync(vsce, vsceArgs, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
} finally {
  fs.rmSync(serverRoot, { recursive: true, force: true });
}
console.log(`packaged ${path.relative(process.cwd(), out) || out}`);
