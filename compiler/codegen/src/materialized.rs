//! What a generated crate says about its materialized views: one
//! `MaterializedView` constant and `Materialized` impl per view, the
//! crate-wide `MATERIALIZED_VIEWS` list the refresh scheduler and on-change
//! refresh read, the `Db` methods that start the scheduler, and the guard
//! that stops such a crate compiling for SQLite.

use crate::emit_model::has_delegate;
use crate::names::{lit, snake_ident, type_name};
use crate::plan;
use cstack_compiler::SchemaModel;
use cstack_compiler::model::Refresh;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";

/// The runtime's `Refresh` for a view's refresh.
fn expression(refresh: Refresh) -> String {
    match refresh {
        Refresh::Manual => format!("{RT}::Refresh::Manual"),
        Refresh::Every(seconds) => {
            format!("{RT}::Refresh::Every(::std::time::Duration::from_secs({seconds}))")
        }
        Refresh::OnChange => format!("{RT}::Refresh::OnChange"),
    }
}

/// Whether a view of the schema is refreshed on change (the `Db` then
/// registers `MATERIALIZED_VIEWS` for on-change refreshes).
pub fn has_on_change_view(schema: &SchemaModel) -> bool {
    schema
        .views
        .iter()
        .any(|view| view.materialized == Some(Refresh::OnChange))
}

/// The view's refresh, for a materialized view.
fn refresh(model: &plan::Model<'_>) -> Option<Refresh> {
    model.view?.materialized
}

/// The materialized views among `models` that have a delegate (a key).
fn views<'m, 'a>(models: &'m [plan::Model<'a>]) -> impl Iterator<Item = &'m plan::Model<'a>> {
    models
        .iter()
        .filter(|m| has_delegate(m) && refresh(m).is_some())
}

/// Appended to a materialized view's module.
pub fn view_items(model: &plan::Model<'_>) -> String {
    let (Some(refresh), Some(view)) = (refresh(model), model.view) else {
        return String::new();
    };
    if !has_delegate(model) {
        return String::new();
    }
    let sources: Vec<String> = view.sources.iter().map(|s| lit(s)).collect();
    format!(
        "/// How `{name}` is materialized and refreshed.\n\
         pub const MATERIALIZED: {RT}::MaterializedView = {RT}::MaterializedView {{\n\
         name: {}, relation: {}, refresh: {}, sources: &[{}],\n}};\n\n\
         impl {RT}::__codegen::Materialized for {ty} {{\nconst VIEW: &'static {RT}::MaterializedView = &MATERIALIZED;\n}}\n",
        lit(&view.name),
        lit(&view.relation),
        expression(refresh),
        sources.join(", "),
        name = view.name,
        ty = type_name(&view.name),
    )
}

/// Appended to `lib.rs`: the list of materialized views and, when there
/// is one, the guard against the `sqlite` feature.
pub fn lib_items(models: &[plan::Model<'_>]) -> String {
    let listed: Vec<&plan::Model<'_>> = views(models).collect();
    let mut out = format!(
        "/// The schema's materialized views (PostgreSQL only), for the refresh scheduler.\n\
         pub const MATERIALIZED_VIEWS: &[{RT}::MaterializedView] = &[{}];\n",
        listed
            .iter()
            .map(|m| format!("{}::MATERIALIZED", snake_ident(m.name)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(first) = listed.first() {
        let _ = writeln!(
            out,
            "\n// SQLite has no materialized views: an embedded build of this crate cannot work.\n\
             #[cfg(feature = \"sqlite\")]\n\
             compile_error!({});",
            lit(&format!(
                "view `{}` is @@materialized, which needs PostgreSQL: this crate cannot be built with its `sqlite` feature",
                first.name
            ))
        );
    }
    out
}

/// `Db` methods, when the schema has a materialized view.
pub fn db_methods(models: &[plan::Model<'_>]) -> String {
    if views(models).next().is_none() {
        return String::new();
    }
    format!(
        "/// Starts refreshing each `@@materialized(refresh = \"…\")` view at its interval; stop it with `RefreshScheduler::stop`.\n\
         #[cfg(feature = \"postgres\")]\n\
         pub fn start_refresh_scheduler(&self) -> {RT}::Result<{RT}::RefreshScheduler> {{\n\
         self.start_refresh_scheduler_with({RT}::SchedulerOptions::default())\n}}\n\n\
         /// Starts the refresh scheduler with chosen intervals and refresh reports.\n\
         #[cfg(feature = \"postgres\")]\n\
         pub fn start_refresh_scheduler_with(&self, options: {RT}::SchedulerOptions) -> {RT}::Result<{RT}::RefreshScheduler> {{\n\
         {RT}::RefreshScheduler::start(self.handle.clone(), crate::MATERIALIZED_VIEWS, options)\n}}\n"
    )
}
