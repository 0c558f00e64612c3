// Packages the extension exactly as a release would (`npm run package`:
// esbuild bundle + `vsce package`), unpacks the .vsix and checks what is in
// it: the manifest's files are present, nothing from node_modules or the
// sources leaks in, and the bundle needs nothing but node built-ins and
// `vscode` at run time.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { builtinModules, createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { readZip } from "./support/zip.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vsixPath = path.join(root, "cstack.vsix");
let entries;

before(() => {
  fs.rmSync(vsixPath, { force: true });
  execFileSync("npm", ["run", "--silent", "package"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  entries = readZip(fs.readFileSync(vsixPath));
});

function entryText(name) {
  const read = entries.get(name);
  assert.ok(read, `${name} is missing from the vsix (has: ${[...entries.keys()].join(", ")})`);
  return read().toString("utf8");
}

test("the vsix holds the bundle, manifest, grammar, snippets and language configuration", () => {
  for (const name of [
    "extension.vsixmanifest",
    "[Content_Types].xml",
    "extension/package.json",
    "extension/dist/extension.js",
    "extension/language-configuration.json",
    "extension/syntaxes/cstack.tmLanguage.json",
    "extension/snippets/cstack.json",
  ]) {
    assert.ok(entries.has(name), `${name} is missing`);
  }
});

test("nothing but the shipped files: no node_modules, sources, tests, source maps or lock file", () => {
  for (const name of entries.keys()) {
    assert.doesNotMatch(name, /node_modules|\/src\/|\/test\/|\/scripts\/|\.map$|\.ts$|package-lock|tsconfig|\.vsix$/, name);
  }
  // Everything in the package sits in a known place.
  const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|language-configuration\.json|dist\/extension\.js|syntaxes\/cstack\.tmLanguage\.json|snippets\/cstack\.json|server\/.+))$/;
  for (const name of entries.keys()) {
    assert.match(name, allowed);
  }
});

test("every file the packaged manifest points to is in the package", () => {
  const manifest = JSON.parse(entryText("extension/package.json"));
  assert.equal(manifest.name, "cstack");
  assert.equal(manifest.publisher, "cratestack");
  const referenced = [
    manifest.main,
    ...manifest.contributes.languages.map((l) => l.configuration),
    ...manifest.contributes.grammars.map((g) => g.path),
    ...manifest.contributes.snippets.map((s) => s.path),
  ];
  for (const file of referenced) {
    const name = `extension/${path.posix.normalize(file)}`;
    assert.ok(entries.has(name), `manifest points to ${file}, which is not packaged`);
  }
  // The packaged JSON files parse.
  JSON.parse(entryText("extension/language-configuration.json"));
  JSON.parse(entryText("extension/syntaxes/cstack.tmLanguage.json"));
  JSON.parse(entryText("extension/snippets/cstack.json"));
});

test("the manifest declares the restart command, the settings and the .cstack language", () => {
  const manifest = JSON.parse(entryText("extension/package.json"));
  const commands = manifest.contributes.commands.map((c) => c.command);
  assert.ok(commands.includes("cstack.restartServer"));
  const settings = Object.keys(manifest.contributes.configuration.properties);
  for (const key of ["cstack.server.path", "cstack.server.args", "cstack.trace.server"]) {
    assert.ok(settings.includes(key), key);
  }
  assert.deepEqual(manifest.contributes.languages[0].extensions, [".cstack"]);
  assert.ok(manifest.activationEvents.includes("workspaceContains:**/*.cstack"));
  // No install-time hooks: the package must work exactly as unpacked.
  for (const hook of ["postinstall", "vscode:uninstall"]) {
    assert.equal(manifest.scripts?.[hook], undefined, hook);
  }
  assert.equal(manifest.dependencies?.["vscode-languageclient"] !== undefined, true);
});

test("the bundle requires only node built-ins and vscode", () => {
  const bundle = entryText("extension/dist/extension.js");
  const required = new Set();
  for (const match of bundle.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) {
    required.add(match[2]);
  }
  assert.ok(required.has("vscode"), "the bundle should require vscode");
  const builtins = new Set(builtinModules);
  const foreign = [...required].filter((name) => name !== "vscode" && !builtins.has(name.replace(/^node:/, "")));
  assert.deepEqual(foreign, [], "modules the bundle would need from node_modules");
  // The language client itself is inside the bundle.
  assert.match(bundle, /Content-Length/);
});

test("the unpacked bundle loads with only a stand-in vscode module and exports activate/deactivate", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-vsix-"));
  try {
    // Unpack outside the source tree, so no node_modules can be found.
    const file = path.join(dir, "extension.js");
    fs.writeFileSync(file, entries.get("extension/dist/extension.js")());
    const requireFrom = createRequire(file);
    const Module = requireFrom("node:module");
    const originalLoad = Module._load;
    const asked = [];
    Module._load = function (request, parent, isMain) {
      if (request === "vscode") {
        asked.push(request);
        return vscodeStandIn();
      }
      return originalLoad.call(this, request, parent, isMain);
    };
    try {
      const extension = requireFrom(file);
      assert.equal(typeof extension.activate, "function");
      assert.equal(typeof extension.deactivate, "function");
    } finally {
      Module._load = originalLoad;
    }
    assert.ok(asked.length > 0, "the bundle never asked for vscode");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("with --server, the package carries the server for this platform, executable", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-vsix-server-"));
  try {
    const fakeServer = path.join(dir, "cstack-lsp");
    fs.writeFileSync(fakeServer, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const out = path.join(dir, "cstack-with-server.vsix");
    execFileSync(process.execPath, [path.join(root, "scripts/package.mjs"), "--server", fakeServer, "--out", out], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const packaged = readZip(fs.readFileSync(out));
    const target = `${process.platform}-${process.arch}`;
    const serverEntry = packaged.get(`extension/server/${target}/cstack-lsp`);
    assert.ok(serverEntry, `no server in ${[...packaged.keys()].join(", ")}`);
    assert.equal(serverEntry().toString("utf8"), "#!/bin/sh\nexit 0\n");
    assert.ok((serverEntry.unixMode & 0o111) !== 0, `server mode ${serverEntry.unixMode.toString(8)} is not executable`);
    assert.match(packaged.get("extension.vsixmanifest")().toString("utf8"), new RegExp(`TargetPlatform="${target}"`));
    // The staging directory is gone again, so the universal package stays universal.
    assert.equal(fs.existsSync(path.join(root, "server")), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A `vscode` module whose every member is a harmless callable object. */
function vscodeStandIn() {
  const handler = {
    get(target, key) {
      if (key === "__esModule") return false;
      if (key === Symbol.toPrimitive) return () => "";
      if (!(key in target)) target[key] = new Proxy(function () {}, handler);
      return target[key];
    },
    construct() {
      return new Proxy({}, handler);
    },
    apply() {
      return new Proxy({}, handler);
    },
  };
  return new Proxy({}, handler);
}
