// Unit tests of the server-path resolution (src/serverCommand.ts), compiled
// on the fly with esbuild so they run under plain node.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-server-command-"));
const outfile = path.join(outDir, "serverCommand.js");
esbuild.buildSync({
  entryPoints: [path.join(root, "src/serverCommand.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  logLevel: "error",
});
const { resolveServerCommand, serverBinaryName } = createRequire(import.meta.url)(outfile);
fs.rmSync(outDir, { recursive: true, force: true });

const linux = (executables = []) => ({
  extensionPath: "/ext",
  workspaceFolder: "/ws",
  platform: "linux",
  arch: "x64",
  isExecutable: (file) => executables.includes(file),
});

test("without a setting or a bundled server, cstack-lsp is looked up on PATH", () => {
  const cmd = resolveServerCommand({ path: null }, linux());
  assert.deepEqual(cmd, { command: "cstack-lsp", args: [], env: {}, source: "path" });
});

test("a server bundled for this platform and architecture is preferred to PATH", () => {
  const bundled = "/ext/server/linux-x64/cstack-lsp";
  const cmd = resolveServerCommand({}, linux([bundled]));
  assert.equal(cmd.command, bundled);
  assert.equal(cmd.source, "bundled");
  // A server bundled for another architecture is not used.
  assert.equal(resolveServerCommand({}, linux(["/ext/server/linux-arm64/cstack-lsp"])).source, "path");
});

test("the setting wins over a bundled server, and keeps args and env", () => {
  const cmd = resolveServerCommand(
    { path: "/opt/cstack/bin/cstackc", args: ["lsp"], env: { RUST_LOG: "debug" } },
    linux(["/ext/server/linux-x64/cstack-lsp"]),
  );
  assert.deepEqual(cmd, {
    command: "/opt/cstack/bin/cstackc",
    args: ["lsp"],
    env: { RUST_LOG: "debug" },
    source: "setting",
  });
});

test("a relative setting with a directory resolves against the workspace; a bare name stays a PATH lookup", () => {
  assert.equal(resolveServerCommand({ path: "target/debug/cstack-lsp" }, linux()).command, "/ws/target/debug/cstack-lsp");
  assert.equal(resolveServerCommand({ path: "cstack-lsp-nightly" }, linux()).command, "cstack-lsp-nightly");
  assert.equal(resolveServerCommand({ path: "   " }, linux()).source, "path");
});

test("a setting starting with ~ means the home directory", () => {
  const home = process.env.HOME;
  process.env.HOME = "/home/someone";
  try {
    assert.equal(resolveServerCommand({ path: "~/bin/cstack-lsp" }, linux()).command, "/home/someone/bin/cstack-lsp");
  } finally {
    process.env.HOME = home;
  }
});

test("the executable is cstack-lsp.exe on Windows", () => {
  assert.equal(serverBinaryName("win32"), "cstack-lsp.exe");
  assert.equal(serverBinaryName("darwin"), "cstack-lsp");
});
