// Checks the editing rules in language-configuration.json the way VS Code
// applies them: the word pattern as a global regular expression over a line,
// the on-Enter rule against the text before the cursor.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const config = JSON.parse(fs.readFileSync(path.join(root, "language-configuration.json"), "utf8"));

function words(line) {
  return [...line.matchAll(new RegExp(config.wordPattern, "g"))].map((m) => m[0]);
}

test("attribute names stay whole words, sigil included", () => {
  assert.deepEqual(words("  id Int @id @default(autoincrement())"), ["id", "Int", "@id", "@default", "autoincrement"]);
  assert.deepEqual(words("  @@allow(\"read\", auth().id == authorId)"), ["@@allow", "read", "auth", "id", "authorId"]);
  assert.deepEqual(words("price Decimal @range(min: 0.01, max: -5)"), ["price", "Decimal", "@range", "min", "0.01", "max", "-5"]);
});

test("Enter after a /// line continues the doc comment", () => {
  const rule = config.onEnterRules.find((r) => r.action.appendText === "/// ");
  assert.ok(rule);
  const before = new RegExp(rule.beforeText);
  assert.ok(before.test("  /// The author of a post."));
  assert.ok(before.test("///"));
  assert.ok(!before.test("  // a plain comment"));
  assert.ok(!before.test("  name String /// not at the start"));
});

test("line comments, brackets and auto-closing pairs", () => {
  assert.equal(config.comments.lineComment, "//");
  assert.deepEqual(config.brackets, [["{", "}"], ["[", "]"], ["(", ")"]]);
  const opens = config.autoClosingPairs.map((p) => p.open);
  assert.deepEqual(opens.sort(), ["\"", "'", "(", "[", "{"].sort());
  assert.ok(new RegExp(config.indentationRules.increaseIndentPattern).test("model Post {"));
  assert.ok(new RegExp(config.indentationRules.decreaseIndentPattern).test("  }"));
});

test("snippets parse and each has a prefix, body and description", () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(root, "snippets/cstack.json"), "utf8"));
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  for (const prefix of ["model", "view", "enum", "procedure", "@@allow", "@relation", "datasource"]) {
    assert.ok(prefixes.includes(prefix), prefix);
  }
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.ok(snippet.body && snippet.description, name);
  }
});
