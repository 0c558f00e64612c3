// Activates the bundled extension under plain node with a stand-in `vscode`
// module and the real cstack-lsp: the language client inside the bundle
// must start the server named by `cstack.server.path`, complete the LSP
// handshake, restart it on "cstack.restartServer" and shut it down on
// deactivate. The JSON-RPC trace (`cstack.trace.server: messages`) shows
// what went over the wire. With a document open, the server's diagnostics
// land in the client's diagnostic collection and the hover and definition
// providers it registered answer from the server.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { bundle } from "../scripts/build.mjs";
import { createVscodeStub, Position, textDocument } from "./support/vscodeStub.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function serverPath() {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "../../target");
  const server = process.env.CSTACK_LSP ?? path.join(target, "debug", "cstack-lsp");
  assert.ok(
    fs.existsSync(server),
    `cstack-lsp not found at ${server}: run \`cargo build -p cstack-lsp\` or set CSTACK_LSP`,
  );
  return path.resolve(server);
}

async function waitFor(what, condition, timeoutMs = 20000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Loads a fresh copy of the bundle with `vscode` resolved to `stub`. */
async function loadExtension(dir, stub) {
  const requireFrom = createRequire(path.join(dir, "extension.js"));
  const Module = requireFrom("node:module");
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === "vscode" ? stub : originalLoad.call(this, request, parent, isMain);
  };
  const file = await bundle({ outfile: path.join(dir, "extension.js") });
  return { extension: requireFrom(file), restore: () => (Module._load = originalLoad) };
}

function count(text, needle) {
  return text.split(needle).length - 1;
}

test("the bundled client starts cstack-lsp, restarts it and stops it", async () => {
  const server = serverPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-activate-"));
  const { vscode, record } = createVscodeStub({
    "cstack.server.path": server,
    "cstack.server.args": [],
    "cstack.server.env": {},
    "cstack.trace.server": "messages",
  });
  const { extension, restore } = await loadExtension(dir, vscode);
  try {
    const context = { subscriptions: [], extensionPath: dir };

    await extension.activate(context);
    assert.deepEqual([...record.commands.keys()].sort(), ["cstack.restartServer", "cstack.showOutput"]);
    const trace = () => (record.channels.get("cstack trace") ?? []).join("");
    const output = () => (record.channels.get("cstack") ?? []).join("");
    await waitFor("the initialize response", () => count(trace(), "Received response 'initialize") === 1);
    assert.match(output(), new RegExp(`Starting ${server.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*\\(from setting\\)`));
    assert.match(trace(), /Sending notification 'initialized'/);

    await record.commands.get("cstack.restartServer")();
    await waitFor("a second initialize response", () => count(trace(), "Received response 'initialize") === 2);
    assert.ok(count(trace(), "Sending request 'shutdown") >= 1, "the first server was not shut down");

    await extension.deactivate();
    await waitFor("the second shutdown", () => count(trace(), "Sending request 'shutdown") === 2);
    assert.match(trace(), /Sending notification 'exit'/);
    assert.deepEqual(record.errors, []);
  } finally {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a server that cannot be started is reported, with the setting to fix it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-activate-missing-"));
  const missing = path.join(dir, "no-such-cstack-lsp");
  const { vscode, record } = createVscodeStub({ "cstack.server.path": missing, "cstack.trace.server": "off" });
  const { extension, restore } = await loadExtension(dir, vscode);
  try {
    await extension.activate({ subscriptions: [], extensionPath: dir });
    // The language client reports the failure too; ours names the path and the setting.
    const ours = () => record.errors.find((message) => message.startsWith("cstack: could not start"));
    await waitFor("the error message", () => ours() !== undefined);
    assert.match(ours(), /could not start .*no-such-cstack-lsp/);
    assert.match(ours(), /cstack\.server\.path/);
    await extension.deactivate();
  } finally {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const SCHEMA = [
  "/// A person who writes posts.",
  "model Author {",
  "  id Int @id",
  "  posts Post[] @relation(fields: [id], references: [authorId])",
  "}",
  "",
  "model Post {",
  "  id Int @id",
  "  authorId Int",
  "  author Author @relation(fields: [authorId], references: [id])",
  "  rating Integr",
  "  title String @uniqe",
  "}",
  "",
].join("\n");

test("diagnostics, hover and definition from cstack-lsp reach VS Code through the bundled client", async () => {
  const server = serverPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cstack-activate-features-"));
  const schemaPath = path.join(dir, "blog.cstack");
  fs.writeFileSync(schemaPath, SCHEMA);
  const document = textDocument(schemaPath, "cstack", SCHEMA);
  const { vscode, record } = createVscodeStub({ "cstack.server.path": server }, [document]);
  const { extension, restore } = await loadExtension(dir, vscode);
  try {
    await extension.activate({ subscriptions: [], extensionPath: dir });
    const uri = document.uri.toString();
    await waitFor("diagnostics for the schema", () => (record.diagnostics.get(uri) ?? []).length >= 2);
    const diagnostics = record.diagnostics.get(uri).map((d) => ({
      line: d.range.start.line,
      character: d.range.start.character,
      code: typeof d.code === "object" ? d.code.value : d.code,
      severity: d.severity,
    }));
    assert.deepEqual(diagnostics.sort((a, b) => a.line - b.line), [
      { line: 10, character: 9, code: "E1006", severity: vscode.DiagnosticSeverity.Error },
      { line: 11, character: 15, code: "E3001", severity: vscode.DiagnosticSeverity.Error },
    ]);

    const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
    // `author Author` on line 9: the cursor on the type name.
    const onType = new Position(9, 10);
    assert.equal(record.hoverProviders.length, 1, "one hover provider registered");
    const hover = await record.hoverProviders[0].provideHover(document, onType, token);
    const hoverText = hover.contents.map((c) => (typeof c === "string" ? c : c.value)).join("\n");
    assert.match(hoverText, /Author/);
    assert.match(hoverText, /A person who writes posts\./);

    assert.equal(record.definitionProviders.length, 1, "one definition provider registered");
    const definition = await record.definitionProviders[0].provideDefinition(document, onType, token);
    const target = Array.isArray(definition) ? definition[0] : definition;
    const targetUri = (target.uri ?? target.targetUri).toString();
    const targetRange = target.range ?? target.targetSelectionRange ?? target.targetRange;
    assert.equal(targetUri, uri);
    assert.equal(targetRange.start.line, 1, "the definition is `model Author` on line 1");
  } finally {
    await extension.deactivate();
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
