// Tokenizes sample `.cstack` text with the TextMate grammar through
// vscode-textmate and vscode-oniguruma (the engine VS Code uses) and checks
// the scopes of chosen tokens. A sample file taken from examples/ must also
// tokenize without any token falling back to the bare `source.cstack` scope
// where a word is.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const grammarPath = path.join(root, "syntaxes/cstack.tmLanguage.json");
let grammar;

const SQL_STAND_IN = {
  scopeName: "source.sql",
  patterns: [
    { name: "keyword.other.sql", match: "(?i)\\b(select|from|where|and|like)\\b" },
    { name: "string.quoted.single.sql", begin: "'", end: "'" },
  ],
};

before(async () => {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    // source.sql comes from VS Code's built-in SQL extension; a small stand-in
    // here shows that the embedded body is handed to it.
    loadGrammar: async (scopeName) => {
      if (scopeName === "source.cstack") {
        return textmate.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath);
      }
      if (scopeName === "source.sql") {
        return textmate.parseRawGrammar(JSON.stringify(SQL_STAND_IN), "sql.json");
      }
      return null;
    },
  });
  grammar = await registry.loadGrammar("source.cstack");
});

/** Every token of `text` as { line, text, scopes }. */
function tokenize(text) {
  const tokens = [];
  let state = textmate.INITIAL;
  text.split("\n").forEach((line, lineNo) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      tokens.push({ line: lineNo, text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the first token whose text is `word` (optionally on a given line). */
function scopesOf(tokens, word, line) {
  const token = tokens.find((t) => t.text === word && (line === undefined || t.line === line));
  assert.ok(token, `no token "${word}"${line === undefined ? "" : ` on line ${line}`} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function assertScope(tokens, word, scope, line) {
  const scopes = scopesOf(tokens, word, line);
  assert.ok(scopes.some((s) => s === scope || s.startsWith(`${scope}.`) || s.split(" ").includes(scope)),
    `"${word}" has ${JSON.stringify(scopes)}, expected ${scope}`);
}

test("declarations, fields, types and attributes", () => {
  const tokens = tokenize([
    "/// A person.",
    "model Author {",
    "  id Int @id @default(autoincrement())",
    "  posts Post[] @relation(fields: [id], references: [authorId])",
    "  nickname String? // shown in bylines",
    "  @@allow(\"read\", true)",
    "}",
  ].join("\n"));
  assertScope(tokens, " A person.", "comment.line.documentation");
  assertScope(tokens, "model", "storage.type.model");
  assertScope(tokens, "Author", "entity.name.type.model");
  assertScope(tokens, "id", "variable.other.property", 2);
  assertScope(tokens, "Int", "support.type.primitive");
  assertScope(tokens, "@", "entity.name.function.decorator", 2);
  assertScope(tokens, "default", "entity.name.function.decorator");
  assertScope(tokens, "autoincrement", "support.function.builtin");
  assertScope(tokens, "Post", "entity.name.type");
  assertScope(tokens, "[]", "keyword.operator.list");
  assertScope(tokens, "fields", "variable.parameter.argument");
  assertScope(tokens, "?", "keyword.operator.optional");
  assertScope(tokens, " shown in bylines", "comment.line.double-slash");
  assertScope(tokens, "@@", "entity.name.function.decorator");
  assertScope(tokens, "allow", "entity.name.function.decorator");
  assertScope(tokens, "read", "string.quoted.double");
  assertScope(tokens, "true", "constant.language.boolean");
});

test("policy expressions", () => {
  const tokens = tokenize([
    "model Post {",
    "  @@allow(\"read\", status == Published || auth().id == authorId)",
    "  @@deny(\"delete\", comments.some.flagged && !hasRole('admin'))",
    "}",
  ].join("\n"));
  assertScope(tokens, "auth", "support.function.builtin");
  assertScope(tokens, "hasRole", "support.function.builtin");
  assertScope(tokens, "==", "keyword.operator.comparison");
  assertScope(tokens, "||", "keyword.operator.logical");
  assertScope(tokens, "some", "keyword.operator.quantifier");
  assertScope(tokens, "admin", "string.quoted.single");
});

test("the SQL body of a view is marked as embedded SQL, and the view resumes after it", () => {
  const tokens = tokenize([
    "view PublishedPost from Post, Author {",
    "  id Int @id @from(Post.id)",
    "  @@sql(\"\"\"",
    "    SELECT id FROM posts WHERE title = \"x\" AND body LIKE '%}%'",
    "  \"\"\")",
    "  @@server_sql(\"SELECT 1\")",
    "  title String",
    "}",
    "enum Status {",
    "  Draft",
    "}",
  ].join("\n"));
  assertScope(tokens, "view", "storage.type.view");
  assertScope(tokens, "from", "keyword.other.from");
  assertScope(tokens, "Author", "entity.name.type", 0);
  const sqlLine = tokens.filter((t) => t.line === 3);
  assert.ok(sqlLine.length > 0);
  for (const token of sqlLine) {
    assert.ok(token.scopes.includes("meta.embedded.block.sql"), `${token.text}: ${token.scopes}`);
  }
  assertScope(tokens, "SELECT", "keyword.other.sql", 3);
  assertScope(tokens, "%}%", "string.quoted.single.sql");
  assertScope(tokens, "SELECT", "keyword.other.sql", 5);
  assert.ok(scopesOf(tokens, "SELECT", 5).includes("meta.embedded.block.sql"));
  // The `}` inside the SQL did not close the view: the next field is still a field.
  assertScope(tokens, "title", "variable.other.property", 6);
  assertScope(tokens, "enum", "storage.type.enum");
  assertScope(tokens, "Draft", "variable.other.enummember");
});

test("a SQL body whose quotes open on the line after the attribute is still SQL", () => {
  const tokens = tokenize([
    "view Totals from Post {",
    "  @@embedded_sql(",
    "    \"\"\"",
    "    SELECT count(*) FROM posts",
    "    \"\"\"",
    "  )",
    "  total Int",
    "}",
  ].join("\n"));
  assertScope(tokens, "SELECT", "keyword.other.sql", 3);
  assert.ok(scopesOf(tokens, "SELECT", 3).includes("meta.embedded.block.sql"));
  assertScope(tokens, "total", "variable.other.property", 6);
});

test("triple-quoted strings outside SQL attributes are plain strings", () => {
  const tokens = tokenize(["model A {", "  note String @default(\"\"\"x\"\"\")", "}"].join("\n"));
  const x = scopesOf(tokens, "x");
  assert.ok(x.some((s) => s.startsWith("string.quoted.triple")), String(x));
  assert.ok(!x.includes("meta.embedded.block.sql"));
});

test("config blocks and procedures", () => {
  const tokens = tokenize([
    "datasource db {",
    "  provider = \"postgresql\"",
    "}",
    "transport rest",
    "mutation procedure publish(id: Int, note: String?): Post",
    "  @allow(auth() != null)",
    "model Next {",
    "}",
  ].join("\n"));
  assertScope(tokens, "datasource", "keyword.other.declaration");
  assertScope(tokens, "db", "entity.name.namespace");
  assertScope(tokens, "provider", "variable.other.property");
  assertScope(tokens, "postgresql", "string.quoted.double");
  assertScope(tokens, "rest", "constant.language.transport");
  assertScope(tokens, "mutation", "storage.modifier.mutation");
  assertScope(tokens, "procedure", "storage.type.procedure");
  assertScope(tokens, "publish", "entity.name.function");
  assertScope(tokens, "id", "variable.parameter", 4);
  assertScope(tokens, "String", "support.type.primitive", 4);
  assertScope(tokens, "Post", "entity.name.type", 4);
  assertScope(tokens, "null", "constant.language.null");
  // The procedure's scope ended at the next declaration.
  assertScope(tokens, "model", "storage.type.model", 6);
  assert.ok(!scopesOf(tokens, "model", 6).some((s) => s.includes("procedure")));
});

test("every word of the example schema gets a scope of its own", () => {
  const example = fs.readFileSync(path.join(root, "../../examples/blog.cstack"), "utf8");
  const bare = tokenize(example).filter((t) => /[A-Za-z]/.test(t.text) && t.scopes.length === 1);
  assert.deepEqual(bare.map((t) => `${t.line + 1}: ${t.text}`), []);
});

test("every word of every valid upstream schema gets a scope of its own", () => {
  // The conformance corpus that scripts/test.sh points at (../shared beside the repository).
  const corpus = process.env.CSTACK_CONFORMANCE_DIR ?? path.join(root, "../../../shared/conformance/upstream");
  const manifest = path.join(corpus, "MANIFEST.tsv");
  assert.ok(fs.existsSync(manifest), `conformance corpus not found at ${corpus} (set CSTACK_CONFORMANCE_DIR)`);
  const valid = fs
    .readFileSync(manifest, "utf8")
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((fields) => fields[1] === "valid")
    .map((fields) => fields[0]);
  assert.ok(valid.length > 100, `only ${valid.length} valid files in the manifest`);
  const bare = [];
  for (const file of valid) {
    const text = fs.readFileSync(path.join(corpus, file), "utf8");
    for (const t of tokenize(text)) {
      if (/[A-Za-z0-9]/.test(t.text) && t.scopes.length === 1) bare.push(`${file}:${t.line + 1}: ${t.text}`);
    }
  }
  assert.deepEqual(bare, []);
});

test("generic and sized types in fields and procedure signatures", () => {
  const tokens = tokenize([
    "procedure feed(limit: Int?, after: Page<Post>): Page<Post>",
    "  @allow(true)",
    "model Doc {",
    "  embedding Vector(3)",
    "}",
  ].join("\n"));
  assertScope(tokens, "?", "keyword.operator.optional", 0);
  assertScope(tokens, "<", "punctuation.definition.typeparameters", 0);
  assertScope(tokens, "Page", "support.type.primitive", 0);
  assertScope(tokens, "Post", "entity.name.type", 0);
  assertScope(tokens, "Vector", "support.type.primitive", 3);
  assertScope(tokens, "3", "constant.numeric", 3);
});
