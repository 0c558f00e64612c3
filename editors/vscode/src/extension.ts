/**
 * The extension's entry point: starts `cstack-lsp` as a language client for
 * `.cstack` files and offers the "Restart server" command.
 *
 * Colouring before the server is up comes from the TextMate grammar; every
 * semantic feature comes from the server.
 */
import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { resolveServerCommand, type ServerCommand } from "./serverCommand";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
// Created once and shared by every client instance, so a restart does not
// leave another output channel or watcher behind.
let traceOutput: vscode.OutputChannel | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("cstack");
  traceOutput = vscode.window.createOutputChannel("cstack trace");
  watcher = vscode.workspace.createFileSystemWatcher("**/*.cstack");
  context.subscriptions.push(output, traceOutput, watcher);

  context.subscriptions.push(
    vscode.commands.registerCommand("cstack.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand("cstack.showOutput", () => output?.show(true)),
    // A new server path or new arguments only take effect in a new process.
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("cstack.server")) {
        await stopClient();
        await startClient(context);
      }
    }),
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

function currentServerCommand(context: vscode.ExtensionContext): ServerCommand {
  const config = vscode.workspace.getConfiguration("cstack.server");
  return resolveServerCommand(
    {
      path: config.get<string | null>("path"),
      args: config.get<string[]>("args"),
      env: config.get<Record<string, string>>("env"),
    },
    {
      extensionPath: context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      platform: process.platform,
      arch: process.arch,
      isExecutable: ensureExecutable,
    },
  );
}

/**
 * Whether `file` exists and can be run. A server shipped in the package may
 * have lost its executable bit in the archive; restore it rather than fall
 * back to `PATH` silently.
 */
function ensureExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    if (!fs.existsSync(file)) return false;
    try {
      fs.chmodSync(file, 0o755);
      return true;
    } catch {
      return false;
    }
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const server = currentServerCommand(context);
  output?.appendLine(`Starting ${server.command} ${server.args.join(" ")} (from ${server.source})`);

  const executable = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
    options: { env: { ...process.env, ...server.env } },
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "cstack" },
      { scheme: "untitled", language: "cstack" },
    ],
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    traceOutputChannel: traceOutput,
  };

  // The client reads `cstack.trace.server` itself, because its id is `cstack`.
  client = new LanguageClient("cstack", "cstack language server", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `cstack: could not start ${server.command}: ${message}. Install cstack-lsp or set "cstack.server.path".`,
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "cstack.server.path");
    }
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) {
    await running.stop();
  }
}
