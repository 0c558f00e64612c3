//! Schema-wide settings that validation of single declarations depends on:
//! the datasource provider, the transport and the declared extensions.

use crate::{Db, SourceFile, item_tree};
use cstack_syntax::ast::DeclKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provider {
    Postgresql,
    /// MySQL or MariaDB: a server database without materialized views or
    /// pgvector.
    Mysql,
    Sqlite,
    None,
}

impl Provider {
    pub fn from_name(name: &str) -> Option<Provider> {
        match name {
            "postgresql" => Some(Provider::Postgresql),
            "mysql" => Some(Provider::Mysql),
            "sqlite" => Some(Provider::Sqlite),
            "none" => Some(Provider::None),
            _ => None,
        }
    }

    /// The provider as a datasource spells it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Postgresql => "postgresql",
            Provider::Mysql => "mysql",
            Provider::Sqlite => "sqlite",
            Provider::None => "none",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Transport {
    #[default]
    Rest,
    Rpc,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    /// `None` without a datasource block or with an unknown provider.
    pub provider: Option<Provider>,
    pub has_datasource: bool,
    pub transport: Transport,
    pub pgvector: bool,
    pub rate_limit: bool,
    pub has_auth: bool,
}

#[salsa::tracked(returns(ref))]
pub fn settings(db: &dyn Db, file: SourceFile) -> Settings {
    let mut settings = Settings::default();
    let mut seen_transport = false;
    for decl in &item_tree(db, file).decls {
        match decl.kind(db) {
            DeclKind::Datasource if !settings.has_datasource => {
                settings.has_datasource = true;
                settings.provider = decl
                    .syntax(db)
                    .entries
                    .iter()
                    .find(|entry| entry.key.text == "provider")
                    .and_then(|entry| entry.value.as_string())
                    .and_then(Provider::from_name);
            }
            DeclKind::Transport if !seen_transport => {
                seen_transport = true;
                if decl
                    .syntax(db)
                    .style
                    .as_ref()
                    .is_some_and(|style| style.text == "rpc")
                {
                    settings.transport = Transport::Rpc;
                }
            }
            DeclKind::Extension => match decl.name(db).as_str() {
                "pgvector" => settings.pgvector = true,
                "rate_limit" => settings.rate_limit = true,
                _ => {}
            },
            DeclKind::Auth => settings.has_auth = true,
            _ => {}
        }
    }
    settings
}
