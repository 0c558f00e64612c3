//! The `LanguageServer` implementation: notifications change the [`World`]
//! in arrival order under its lock; requests take a snapshot and compute on a
//! blocking thread, where a salsa cancellation (an edit arrived) becomes
//! `ContentModified` and a panic becomes an internal error, so one failing
//! request never takes the server down.

use crate::convert::Encoding;
use crate::features;
use crate::world::{DiskChange, Snapshot, World};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

#[derive(Clone)]
pub struct Backend {
    client: Client,
    world: Arc<Mutex<World>>,
    /// Held while deciding whether diagnostics are current and sending them,
    /// so an older set can never overtake a newer one or a clear.
    publishing: Arc<tokio::sync::Mutex<()>>,
}

fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    world
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How a request's work ended.
enum Outcome<T> {
    Done(T),
    Cancelled,
    Panicked(String),
}

/// Runs `work` on a blocking thread, catching salsa cancellation and panics.
async fn compute<S: Send + 'static, T: Send + 'static>(
    state: S,
    work: impl FnOnce(S) -> T + Send + 'static,
) -> Outcome<T> {
    let joined = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            salsa::Cancelled::catch(AssertUnwindSafe(|| work(state)))
        }))
    })
    .await;
    match joined {
        Ok(Ok(Ok(value))) => Outcome::Done(value),
        Ok(Ok(Err(_cancelled))) => Outcome::Cancelled,
        Ok(Err(panic)) => Outcome::Panicked(panic_message(panic.as_ref())),
        Err(error) => Outcome::Panicked(error.to_string()),
    }
}

/// Runs a notification's state change, catching a panic so the server
/// keeps serving (the world's lock recovers from poisoning). True when it
/// completed.
fn guarded(what: &str, work: impl FnOnce()) -> bool {
    match std::panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(()) => true,
        Err(panic) => {
            eprintln!(
                "cstack-lsp: handling {what} failed: {}",
                panic_message(panic.as_ref())
            );
            false
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            world: Arc::new(Mutex::new(World::default())),
            publishing: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Runs a read request against a snapshot of `uri`; `None` when the
    /// document is unknown.
    async fn read<T: Send + 'static>(
        &self,
        uri: &Uri,
        work: impl FnOnce(&Snapshot) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(snapshot) = lock(&self.world).snapshot(uri) else {
            return Ok(None);
        };
        match compute(snapshot, move |snapshot| work(&snapshot)).await {
            Outcome::Done(value) => Ok(Some(value)),
            Outcome::Cancelled => Err(Error::content_modified()),
            Outcome::Panicked(message) => {
                eprintln!("cstack-lsp: a request failed: {message}");
                let mut error = Error::internal_error();
                error.message = format!("internal error: {message}").into();
                Err(error)
            }
        }
    }

    /// Computes and publishes the diagnostics of a file: an open document at
    /// its current version, or a workspace file loaded from disk (published
    /// without a version). A newer edit cancels the computation; that edit
    /// publishes its own. One publication per edit: the compiler's
    /// diagnostics and the lossy-change warnings come from one query.
    fn schedule_diagnostics(&self, uri: Uri) {
        let Some(snapshot) = lock(&self.world).snapshot(&uri) else {
            return;
        };
        let (version, revision) = (snapshot.version, snapshot.revision);
        let client = self.client.clone();
        let world = self.world.clone();
        let publishing = self.publishing.clone();
        tokio::spawn(async move {
            // The snapshot is dropped on the blocking thread: a database
            // clone held here would make the next edit wait for it while it
            // holds the world's lock.
            let diagnostics =
                match compute(snapshot, |snapshot| features::diagnostics(&snapshot)).await {
                    Outcome::Done(diagnostics) => diagnostics,
                    Outcome::Cancelled => return,
                    Outcome::Panicked(message) => {
                        eprintln!("cstack-lsp: checking {} failed: {message}", uri.as_str());
                        return;
                    }
                };
            let _turn = publishing.lock().await;
            if !lock(&world).is_current(&uri, version, revision) {
                return;
            }
            client.publish_diagnostics(uri, diagnostics, version).await;
        });
    }

    /// `textDocument/documentSymbol` with the result already serialised:
    /// what the stdio transport sends without the library's `Value` step.
    /// `None` when the document is unknown.
    pub(crate) async fn document_symbols_json(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<String>> {
        // Test hook: hold the answer so a test can cancel it on the way.
        if let Some(hold) = Self::test_outline_hold() {
            tokio::time::sleep(hold).await;
        }
        let json = self
            .read(&params.text_document.uri, |snapshot| {
                features::document_symbols_json(snapshot)
            })
            .await?;
        json.transpose().map_err(|error| {
            let mut failure = Error::internal_error();
            failure.message = format!("internal error: {error}").into();
            failure
        })
    }

    /// Publishes an empty set for `uri`, after any publication in progress.
    async fn clear_diagnostics(&self, uri: Uri) {
        let _turn = self.publishing.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    /// `cstack/debugSlow`: a request that takes `params.ms` milliseconds
    /// (at most a minute), answered only when `CSTACK_LSP_TEST_HOOKS=1`; the
    /// end-to-end tests cancel it while it waits.
    pub async fn debug_slow(&self, params: serde_json::Value) -> Result<Option<()>> {
        if !Self::debug_panics_enabled() {
            return Err(Error::method_not_found());
        }
        let ms = params["ms"].as_u64().unwrap_or(0).min(60_000);
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        Ok(Some(()))
    }

    /// With the test hooks on, `CSTACK_LSP_TEST_OUTLINE_HOLD_MS` delays
    /// every outline answer by that many milliseconds.
    fn test_outline_hold() -> Option<std::time::Duration> {
        if !Self::debug_panics_enabled() {
            return None;
        }
        let ms: u64 = std::env::var("CSTACK_LSP_TEST_OUTLINE_HOLD_MS")
            .ok()?
            .parse()
            .ok()?;
        Some(std::time::Duration::from_millis(ms))
    }

    fn debug_panics_enabled() -> bool {
        std::env::var_os("CSTACK_LSP_TEST_HOOKS").is_some_and(|value| value == "1")
    }

    /// `cstack/debugPanic`: a request whose handler panics, answered only
    /// when `CSTACK_LSP_TEST_HOOKS=1`; the end-to-end tests use it to prove a
    /// panic becomes an error response and the server keeps serving.
    pub async fn debug_panic(&self, params: TextDocumentIdentifier) -> Result<Option<()>> {
        if !Self::debug_panics_enabled() {
            return Err(Error::method_not_found());
        }
        self.read(&params.uri, |_| -> () {
            panic!("deliberate panic for testing")
        })
        .await
    }
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    if offered.is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

#[allow(deprecated)] // `root_uri` is still what many clients send.
fn workspace_roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let mut roots: Vec<std::path::PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|folder| folder.uri.to_file_path().map(|path| path.into_owned()))
        .collect();
    if roots.is_empty()
        && let Some(path) = params.root_uri.as_ref().and_then(|uri| uri.to_file_path())
    {
        roots.push(path.into_owned());
    }
    roots
}

pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["@", ".", "(", "\""].map(String::from).to_vec()),
            ..Default::default()
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: features::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR]),
            ..Default::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        {
            let mut world = lock(&self.world);
            world.encoding = encoding;
            world.roots = workspace_roots(&params);
            world.watch_files = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false);
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "cstack-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let loaded = lock(&self.world).load_workspace();
        if !loaded.is_empty() {
            self.client
                .log_message(
                    MessageType::INFO,
                    format!("cstack-lsp: loaded {} schema files", loaded.len()),
                )
                .await;
        }
        // Like the files the editor opens, every workspace file gets its
        // diagnostics.
        for uri in loaded {
            self.schedule_diagnostics(uri);
        }
        let watch = Registration {
            id: "cstack-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers: ["**/*.cstack", "**/migrations/*/snapshot.json"]
                    .map(|pattern| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(pattern.to_string()),
                        kind: None,
                    })
                    .to_vec(),
            })
            .ok(),
        };
        if !lock(&self.world).watch_files {
            return;
        }
        // Not awaited here: a handler still waiting for the client would
        // hold up `exit`.
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![watch]).await {
                eprintln!("cstack-lsp: the client refused the file watcher: {error}");
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let uri = document.uri.clone();
        if guarded("didOpen", || {
            lock(&self.world).open(document.uri, document.text, document.version)
        }) {
            self.schedule_diagnostics(uri);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changes = params.content_changes;
        let mut changed = false;
        guarded("didChange", || {
            changed = lock(&self.world).change(&uri, version, changes)
        });
        if changed {
            self.schedule_diagnostics(uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        guarded("didClose", || lock(&self.world).close(&uri));
        // A workspace file goes back to its text on disk and keeps the
        // diagnostics of that text; any other file's are cleared.
        if lock(&self.world).is_loaded_from_disk(&uri) {
            self.schedule_diagnostics(uri);
        } else {
            self.clear_diagnostics(uri).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut recheck = Vec::new();
        let mut removed = Vec::new();
        guarded("didChangeWatchedFiles", || {
            let mut world = lock(&self.world);
            for change in params.changes {
                if change.uri.path().as_str().ends_with(".cstack") {
                    match world.disk_changed(&change.uri) {
                        DiskChange::Ignored => {}
                        DiskChange::Loaded => recheck.push(change.uri),
                        DiskChange::Removed => removed.push(change.uri),
                    }
                } else if let Some(path) = change.uri.to_file_path() {
                    recheck.extend(world.snapshot_changed(&path));
                }
            }
        });
        recheck.sort();
        recheck.dedup();
        for uri in recheck {
            self.schedule_diagnostics(uri);
        }
        for uri in removed {
            self.clear_diagnostics(uri).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let mut loaded = Vec::new();
        guarded("didChangeWorkspaceFolders", || {
            let mut world = lock(&self.world);
            let path = |folder: &WorkspaceFolder| folder.uri.to_file_path().map(|p| p.into_owned());
            let removed: Vec<_> = params.event.removed.iter().filter_map(path).collect();
            world.roots.retain(|root| !removed.contains(root));
            world
                .roots
                .extend(params.event.added.iter().filter_map(path));
            loaded = world.load_workspace();
        });
        for uri in loaded {
            self.schedule_diagnostics(uri);
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .read(&uri, move |s| features::hover(s, position))
            .await?
            .flatten())
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .read(&uri, move |s| features::definition(s, position))
            .await?
            .flatten())
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let include = params.context.include_declaration;
        self.read(&uri, move |s| features::references(s, position, include))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.read(&params.text_document.uri, features::document_symbols)
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (db, files, encoding) = {
            let world = lock(&self.world);
            (world.db.clone(), world.all_files(), world.encoding)
        };
        let query = params.query;
        match compute((db, files), move |(db, files)| {
            features::workspace_symbols(&db, &files, encoding, &query)
        })
        .await
        {
            Outcome::Done(symbols) => Ok(Some(WorkspaceSymbolResponse::Nested(symbols))),
            Outcome::Cancelled => Err(Error::content_modified()),
            Outcome::Panicked(message) => {
                let mut error = Error::internal_error();
                error.message = format!("internal error: {message}").into();
                Err(error)
            }
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        self.read(&uri, move |s| features::completion(s, position))
            .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let position = params.position;
        Ok(self
            .read(&params.text_document.uri, move |s| {
                features::prepare_rename(s, position)
            })
            .await?
            .flatten())
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let new_name = params.new_name;
        match self
            .read(&uri, move |s| features::rename(s, position, &new_name))
            .await?
        {
            None => Ok(None),
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(error)) => Err(Error::invalid_params(error.to_string())),
        }
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self
            .read(&params.text_document.uri, |s| {
                features::semantic_tokens(s, None)
            })
            .await?
            .map(SemanticTokensResult::Tokens))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        Ok(self
            .read(&params.text_document.uri, move |s| {
                features::semantic_tokens(s, Some(range))
            })
            .await?
            .map(SemanticTokensRangeResult::Tokens))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.read(&params.text_document.uri, features::folding_ranges)
            .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.read(&params.text_document.uri, move |s| {
            features::selection_ranges(s, &positions)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.read(&params.text_document.uri, move |s| {
            features::inlay_hints(s, range)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let range = params.range;
        self.read(&params.text_document.uri, move |s| {
            features::code_actions(s, range)
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        Ok(self
            .read(&params.text_document.uri, features::formatting)
            .await?
            .flatten())
    }
}
