/**
 * Decides which `cstack-lsp` executable to start and with what arguments.
 *
 * Kept free of the `vscode` module so the resolution rules can be tested
 * under plain node: the caller passes in the settings and the file-system
 * probe.
 */
import * as path from "node:path";

/** The server settings as read from the `cstack.server` section. */
export interface ServerSettings {
  /** `cstack.server.path`; `null`, `undefined` or blank means "not set". */
  path?: string | null;
  /** `cstack.server.args`. */
  args?: readonly string[];
  /** `cstack.server.env`. */
  env?: Readonly<Record<string, string>>;
}

/** Where the extension and the workspace live, and how to probe files. */
export interface ResolveContext {
  /** The extension's install directory. */
  extensionPath: string;
  /** The first workspace folder, used to resolve a relative `cstack.server.path`. */
  workspaceFolder?: string;
  /** `process.platform` and `process.arch` of the host. */
  platform: string;
  arch: string;
  /** Whether a file exists and is executable. */
  isExecutable: (file: string) => boolean;
}

/** The resolved server process, with where its path came from for the output channel. */
export interface ServerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  source: "setting" | "bundled" | "path";
}

/** File name of the server executable on this platform. */
export function serverBinaryName(platform: string): string {
  return platform === "win32" ? "cstack-lsp.exe" : "cstack-lsp";
}

/**
 * Resolution order: an explicit setting wins (so a locally built server can
 * replace the shipped one); then a server packaged inside the extension for
 * this platform and architecture; then `cstack-lsp` looked up on `PATH` by
 * the operating system when the process is spawned.
 */
export function resolveServerCommand(settings: ServerSettings, ctx: ResolveContext): ServerCommand {
  const args = [...(settings.args ?? [])];
  const env = { ...(settings.env ?? {}) };
  const configured = settings.path?.trim();
  if (configured) {
    const expanded = expandHome(configured);
    const command =
      path.isAbsolute(expanded) || ctx.workspaceFolder === undefined || !expanded.includes(path.sep)
        ? expanded
        : path.resolve(ctx.workspaceFolder, expanded);
    return { command, args, env, source: "setting" };
  }
  const bundled = path.join(
    ctx.extensionPath,
    "server",
    `${ctx.platform}-${ctx.arch}`,
    serverBinaryName(ctx.platform),
  );
  if (ctx.isExecutable(bundled)) {
    return { command: bundled, args, env, source: "bundled" };
  }
  return { command: serverBinaryName(ctx.platform), args, env, source: "path" };
}

/** `~/bin/cstack-lsp` means the home directory, as in a shell. */
function expandHome(file: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (home && (file === "~" || file.startsWith("~/"))) {
    return path.join(home, file.slice(1));
  }
  return file;
}
