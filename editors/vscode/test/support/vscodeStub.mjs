// A stand-in for the `vscode` module, enough for the bundled extension and
// vscode-languageclient to activate, start a real server over stdio and stop
// it, without VS Code. The members the extension itself uses are real
// objects that record what happens (commands, output lines, messages); every
// other member is an inert object that accepts any call, is not a promise,
// and iterates as empty.

function inert() {
  const handler = {
    get(target, key) {
      if (key === "then") return undefined;
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => "";
      if (key === "length") return 0;
      if (!(key in target)) target[key] = new Proxy(function () {}, handler);
      return target[key];
    },
    apply: () => new Proxy(function () {}, handler),
    construct: () => new Proxy(function () {}, handler),
  };
  return new Proxy(function () {}, handler);
}

// The value types the language client constructs when it converts protocol
// results, reduced to their data.
class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(startLine, startCharacter, endLine, endCharacter) {
    this.start = startLine instanceof Position ? startLine : new Position(startLine, startCharacter);
    this.end = startLine instanceof Position ? startCharacter : new Position(endLine, endCharacter);
  }
}

class Uri {
  constructor(text) {
    this.text = text;
    this.scheme = text.slice(0, text.indexOf(":"));
    this.fsPath = this.scheme === "file" ? decodeURIComponent(text.slice("file://".length)) : text;
  }
  static parse(text) {
    return new Uri(text);
  }
  static file(fsPath) {
    return new Uri(`file://${fsPath.split("/").map(encodeURIComponent).join("/")}`);
  }
  toString() {
    return this.text;
  }
  toJSON() {
    return this.text;
  }
}

class Location {
  constructor(uri, rangeOrPosition) {
    this.uri = uri;
    this.range = rangeOrPosition;
  }
}

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}

class MarkdownString {
  constructor(value = "") {
    this.value = value;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text;
    return this;
  }
  appendCodeblock(code, language = "") {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.callOnDispose?.();
  }
}

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class CancellationTokenSource {
  emitter = new EventEmitter();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel() {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.emitter.fire();
    }
  }
  dispose() {
    this.emitter.dispose();
  }
}

/** A text document as VS Code hands it to the client. */
export function textDocument(fsPath, languageId, text) {
  return {
    uri: Uri.file(fsPath),
    fileName: fsPath,
    languageId,
    version: 1,
    isClosed: false,
    isUntitled: false,
    isDirty: false,
    lineCount: text.split("\n").length,
    getText: () => text,
  };
}

export { Position };

/**
 * `settings` maps full keys ("cstack.server.path") to values; `documents` are
 * the open text documents (see `textDocument`).
 */
export function createVscodeStub(settings, documents = []) {
  const record = {
    commands: new Map(),
    channels: new Map(),
    errors: [],
    diagnostics: new Map(),
    hoverProviders: [],
    definitionProviders: [],
  };
  const disposable = () => ({ dispose() {} });
  const matches = (selector, document) =>
    [selector].flat().some((filter) =>
      typeof filter === "string"
        ? filter === document.languageId
        : (!filter.language || filter.language === document.languageId) &&
          (!filter.scheme || filter.scheme === document.uri.scheme),
    );

  const channel = (name) => {
    const lines = [];
    record.channels.set(name, lines);
    return {
      name,
      append: (text) => lines.push(text),
      appendLine: (text) => lines.push(`${text}\n`),
      replace: (text) => lines.splice(0, lines.length, text),
      clear: () => lines.splice(0, lines.length),
      show() {},
      hide() {},
      dispose() {},
    };
  };

  const configuration = (section) => ({
    get(key, fallback) {
      const full = section ? `${section}.${key}` : key;
      return full in settings ? settings[full] : fallback;
    },
    has: (key) => `${section}.${key}` in settings,
    inspect: () => undefined,
    update: async () => {},
  });

  const stub = {
    version: "1.85.0",
    Position,
    Range,
    Uri,
    Location,
    Diagnostic,
    DiagnosticRelatedInformation,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    MarkdownString,
    Hover,
    Disposable,
    EventEmitter,
    CancellationTokenSource,
    languages: {
      match: (selector, document) => (matches(selector, document) ? 10 : 0),
      createDiagnosticCollection: (name) => ({
        name,
        set: (uri, diagnostics) => record.diagnostics.set(uri.toString(), diagnostics ?? []),
        delete: (uri) => record.diagnostics.delete(uri.toString()),
        clear: () => record.diagnostics.clear(),
        get: (uri) => record.diagnostics.get(uri.toString()),
        forEach: () => {},
        has: (uri) => record.diagnostics.has(uri.toString()),
        dispose() {},
      }),
      registerHoverProvider(selector, provider) {
        record.hoverProviders.push(provider);
        return disposable();
      },
      registerDefinitionProvider(selector, provider) {
        record.definitionProviders.push(provider);
        return disposable();
      },
    },
    env: { appName: "vscode stand-in", appRoot: "", language: "en", machineId: "test", sessionId: "test", uiKind: 1 },
    commands: {
      registerCommand(id, callback) {
        record.commands.set(id, callback);
        return { dispose: () => record.commands.delete(id) };
      },
      executeCommand: async () => undefined,
    },
    window: {
      createOutputChannel: channel,
      showErrorMessage: async (message) => {
        record.errors.push(message);
        return undefined;
      },
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      visibleTextEditors: [],
      activeTextEditor: undefined,
      tabGroups: { all: [], onDidChangeTabs: disposable, onDidChangeTabGroups: disposable },
      onDidChangeActiveTextEditor: disposable,
      onDidChangeVisibleTextEditors: disposable,
    },
    workspace: {
      getConfiguration: configuration,
      onDidChangeConfiguration: disposable,
      createFileSystemWatcher: () => ({
        onDidCreate: disposable,
        onDidChange: disposable,
        onDidDelete: disposable,
        dispose() {},
      }),
      workspaceFolders: undefined,
      textDocuments: documents,
      notebookDocuments: [],
    },
  };

  const handler = {
    get(target, key) {
      if (key === "then" || key === "__esModule") return undefined;
      if (!(key in target)) target[key] = inert();
      const value = target[key];
      // Plain member groups (window, workspace, ...) get inert fallbacks too.
      return value && Object.getPrototypeOf(value) === Object.prototype
        ? new Proxy(value, handler)
        : value;
    },
  };
  return { vscode: new Proxy(stub, handler), record };
}
