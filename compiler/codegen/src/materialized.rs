//! What a generated crate says about its materialized views: one
//! `MaterializedView` constant and `Materialized` impl per view, the
//! crate-wide `MATERIALIZED_VIEWS` list the refresh scheduler and on-change
//! refresh read, the `Db` methods that start the scheduler, and the guard
//! that stops such a crate compiling for SQLite.

use crate::emit_model::has_delegate;
use crate::names::{lit, snake_ident, type_name};
use crate::plan::{self, attribute, named};
use cstack_compiler::{Record, SchemaModel, Value};
use std::fmt::Write;

const RT: &str = "::cstack_runtime";

/// How a materialized view is refreshed besides `refresh()`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Refresh {
    Manual,
    /// Every so many seconds.
    Every(u64),
    OnChange,
}

impl Refresh {
    /// The runtime's `Refresh` for it.
    fn expression(self) -> String {
        match self {
            Refresh::Manual => format!("{RT}::Refresh::Manual"),
            Refresh::Every(seconds) => {
                format!("{RT}::Refresh::Every(::std::time::Duration::from_secs({seconds}))")
            }
            Refresh::OnChange => format!("{RT}::Refresh::OnChange"),
        }
    }
}

/// The view's `@@materialized` refresh, or `None` for a view that is not
/// materialized.
fn refresh(record: &Record) -> Option<Refresh> {
    let attribute = attribute(&record.attributes, "materialized").filter(|a| a.is_block)?;
    Some(match named(attribute, "refresh") {
        Some(Value::Ident(word)) if word == "on_change" => Refresh::OnChange,
        Some(Value::String(text)) => Refresh::Every(duration_seconds(text)),
        _ => Refresh::Manual,
    })
}

/// Whether a view of the schema is refreshed on change (the `Db` then
/// registers `MATERIALIZED_VIEWS` for on-change refreshes).
pub fn has_on_change_view(schema: &SchemaModel) -> bool {
    schema
        .views
        .iter()
        .any(|view| refresh(view) == Some(Refresh::OnChange))
}

/// `"30s"`, `"5m"`, `"1h"`, `"1d"` in seconds (the checker has already
/// rejected anything else).
fn duration_seconds(text: &str) -> u64 {
    let (digits, unit) = text.split_at(text.len().saturating_sub(1));
    let scale = match unit {
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => 1,
    };
    digits.parse::<u64>().unwrap_or(0).saturating_mul(scale)
}

/// The materialized views among `models` that have a delegate (a key).
fn views<'m, 'a>(models: &'m [plan::Model<'a>]) -> impl Iterator<Item = &'m plan::Model<'a>> {
    models
        .iter()
        .filter(|m| m.view && has_delegate(m) && refresh(m.record).is_some())
}

/// Appended to a materialized view's module.
pub fn view_items(model: &plan::Model<'_>) -> String {
    let Some(refresh) = refresh(model.record).filter(|_| model.view && has_delegate(model)) else {
        return String::new();
    };
    let record = model.record;
    let sources: Vec<String> = record.sources.iter().map(|s| lit(s)).collect();
    format!(
        "/// How `{name}` is materialized and refreshed.\n\
         pub const MATERIALIZED: {RT}::MaterializedView = {RT}::MaterializedView {{\n\
         name: {}, relation: {}, refresh: {}, sources: &[{}],\n}};\n\n\
         impl {RT}::__codegen::Materialized for {ty} {{\nconst VIEW: &'static {RT}::MaterializedView = &MATERIALIZED;\n}}\n",
        lit(&record.name),
        lit(&record.table),
        refresh.expression(),
        sources.join(", "),
        name = record.name,
        ty = type_name(&record.name),
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
            .map(|m| format!("{}::MATERIALIZED", snake_ident(&m.record.name)))
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
                first.record.name
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

#[cfg(test)]
mod tests {
    use super::duration_seconds;

    #[test]
    fn durations_scale_by_their_unit() {
        assert_eq!(duration_seconds("30s"), 30);
        assert_eq!(duration_seconds("5m"), 300);
        assert_eq!(duration_seconds("2h"), 7_200);
        assert_eq!(duration_seconds("1d"), 86_400);
        assert_eq!(duration_seconds("99999999999999999999d"), 0);
    }
}
