//! The symbol index: every name a declaration defines and every name it
//! refers to, with ranges relative to the declaration, memoised per
//! declaration so an edit re-indexes only the declaration it touched.
//!
//! A reference names its target by namespace and text ([`Symbol`]), not by
//! position, so the index of a declaration stays equal when other
//! declarations move; [`resolve`] turns a symbol into the place that defines
//! it. Top-level names resolve through the compiler's own resolution
//! ([`cstack_compiler::resolve_type`] and [`cstack_compiler::scope`]), so the
//! editor and the checker always agree on what a name means.

use cstack_compiler::{
    Db, Decl, Name, Resolved, Scalar, SourceFile, auth_decl, item_tree, lang, resolve_type, scope,
};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{Attribute, DeclKind, Declaration, Expr, ExprKind, Field, TypeRef};
use rustc_hash::FxHashMap;

/// The namespaces of top-level names, as the checker keeps them
/// ([`cstack_compiler::Scope`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Namespace {
    /// Models, types, enums, mixins and auth blocks: what a type names.
    Type,
    View,
    Procedure,
}

impl Namespace {
    /// The namespace a `kind` declaration defines its name in; `None` for
    /// configuration blocks, which nothing refers to.
    pub fn of(kind: DeclKind) -> Option<Self> {
        match kind {
            DeclKind::Model
            | DeclKind::Type
            | DeclKind::Enum
            | DeclKind::Mixin
            | DeclKind::Auth => Some(Namespace::Type),
            DeclKind::View => Some(Namespace::View),
            DeclKind::Procedure => Some(Namespace::Procedure),
            DeclKind::Datasource | DeclKind::Extension | DeclKind::Mcp | DeclKind::Transport => {
                None
            }
        }
    }
}

/// A top-level name in its namespace.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclName {
    pub namespace: Namespace,
    pub name: String,
}

impl DeclName {
    /// A name in the type namespace.
    pub fn ty(name: &str) -> Self {
        DeclName {
            namespace: Namespace::Type,
            name: name.to_string(),
        }
    }

    /// The name `decl` defines, when it defines one.
    pub fn of(db: &dyn Db, decl: Decl<'_>) -> Option<Self> {
        Some(DeclName {
            namespace: Namespace::of(decl.kind(db))?,
            name: decl.name(db).clone(),
        })
    }
}

/// Something that has a definition: a top-level declaration, or a member
/// (field, enum variant, procedure parameter) of one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symbol {
    Decl(DeclName),
    Member { owner: DeclName, member: String },
}

impl Symbol {
    pub fn member(owner: &DeclName, member: &str) -> Self {
        Symbol::Member {
            owner: owner.clone(),
            member: member.to_string(),
        }
    }

    /// The name as written at every occurrence.
    pub fn name(&self) -> &str {
        match self {
            Symbol::Decl(name) => &name.name,
            Symbol::Member { member, .. } => member,
        }
    }
}

/// One occurrence of a name in a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Relative to the declaration's start.
    pub range: TextRange,
    pub symbol: Symbol,
    /// True where the name is defined, false where it is used.
    pub is_definition: bool,
}

/// Every occurrence in one declaration, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclIndex {
    pub occurrences: Vec<Occurrence>,
}

/// The occurrences of `decl`. Reads the syntax of the declarations that
/// relation and policy paths walk through, and nothing else.
#[salsa::tracked(returns(ref))]
pub fn decl_index<'db>(db: &'db dyn Db, decl: Decl<'db>) -> DeclIndex {
    let syntax = decl.syntax(db);
    let mut collector = Collector {
        db,
        file: decl.file(db),
        decl,
        syntax,
        out: Vec::new(),
    };
    collector.declaration();
    let mut occurrences = collector.out;
    occurrences.sort_by_key(|occurrence| (occurrence.range.start, occurrence.range.end));
    occurrences.dedup();
    DeclIndex { occurrences }
}

/// Start and end of every declaration of a file, in source order: what
/// finding the declaration under a cursor searches.
#[salsa::tracked(returns(ref))]
pub fn decl_spans(db: &dyn Db, file: SourceFile) -> Vec<(u32, u32)> {
    item_tree(db, file)
        .decls
        .iter()
        .map(|decl| {
            let start = decl.offset(db);
            (start, start + decl.syntax(db).range.end)
        })
        .collect()
}

/// The declaration whose range touches `offset` (the later one where two
/// touch), with its position in the item tree.
pub fn decl_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(usize, Decl<'_>)> {
    let spans = decl_spans(db, file);
    let after = spans.partition_point(|&(start, _)| start <= offset);
    let index = after.checked_sub(1)?;
    let (start, end) = spans[index];
    if start <= offset && offset <= end {
        Some((index, item_tree(db, file).decls[index]))
    } else {
        None
    }
}

/// Each enum variant name to the first enum that declares it: what a bare
/// word in a policy names.
#[salsa::tracked(returns(ref))]
pub fn enum_variants(db: &dyn Db, file: SourceFile) -> FxHashMap<String, String> {
    let mut variants = FxHashMap::default();
    for decl in &item_tree(db, file).decls {
        if decl.kind(db) == DeclKind::Enum {
            for variant in &decl.syntax(db).variants {
                variants
                    .entry(variant.name.text.clone())
                    .or_insert_with(|| decl.name(db).clone());
            }
        }
    }
    variants
}

/// What the type name `name` means, as the checker resolves it: a built-in,
/// or the declaration the compiler's scope gives it (one memoised query per
/// name, so the index of a declaration depends on the names it uses only).
pub fn resolve_type_name<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    name: &str,
) -> Option<Resolved<'db>> {
    if let Some(scalar) = Scalar::from_name(name) {
        return Some(Resolved::Builtin(scalar));
    }
    if name.is_empty() {
        return None;
    }
    resolve_type(db, file, Name::new(db, name.to_string()))
}

/// The declaration the type name `name` refers to: a model, type, enum,
/// mixin or auth block.
pub fn type_decl<'db>(db: &'db dyn Db, file: SourceFile, name: &str) -> Option<Decl<'db>> {
    declaration(resolve_type_name(db, file, name)?)
}

/// The declaration a resolved type name refers to; `None` for a built-in.
pub fn declaration(resolved: Resolved<'_>) -> Option<Decl<'_>> {
    match resolved {
        Resolved::Builtin(_) => None,
        Resolved::Model(decl)
        | Resolved::Type(decl)
        | Resolved::Enum(decl)
        | Resolved::Mixin(decl)
        | Resolved::Auth(decl) => Some(decl),
    }
}

/// The declaration a top-level name refers to in its namespace.
pub fn lookup<'db>(db: &'db dyn Db, file: SourceFile, name: &DeclName) -> Option<Decl<'db>> {
    match name.namespace {
        Namespace::Type => type_decl(db, file, &name.name),
        Namespace::View => scope(db, file).views.get(&name.name).copied(),
        Namespace::Procedure => scope(db, file).procedures.get(&name.name).copied(),
    }
}

/// The mixins `decl` uses (`@use(...)`), as the checker resolves them.
pub fn mixins<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    decl: Decl<'db>,
) -> impl Iterator<Item = Decl<'db>> {
    mixins_of(decl.syntax(db)).filter_map(move |name| match resolve_type_name(db, file, name) {
        Some(Resolved::Mixin(mixin)) => Some(mixin),
        _ => None,
    })
}

/// Where a symbol is defined: the declaration, the name's absolute range and
/// the absolute range of the whole definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Definition<'db> {
    pub decl: Decl<'db>,
    pub name_range: TextRange,
    pub full_range: TextRange,
}

/// The definition of `symbol` in `file`: a member is looked up in its
/// owner, then in the mixins the owner uses.
pub fn resolve<'db>(db: &'db dyn Db, file: SourceFile, symbol: &Symbol) -> Option<Definition<'db>> {
    match symbol {
        Symbol::Decl(name) => {
            let decl = lookup(db, file, name)?;
            let syntax = decl.syntax(db);
            let offset = decl.offset(db);
            Some(Definition {
                decl,
                name_range: syntax.name_range().shifted(offset),
                full_range: syntax.range.shifted(offset),
            })
        }
        Symbol::Member { owner, member } => {
            let decl = lookup(db, file, owner)?;
            if let Some(found) = member_definition(db, decl, member) {
                return Some(found);
            }
            // A model's field may come from a mixin it uses.
            mixins(db, file, decl).find_map(|mixin| member_definition(db, mixin, member))
        }
    }
}

fn member_definition<'db>(
    db: &'db dyn Db,
    decl: Decl<'db>,
    member: &str,
) -> Option<Definition<'db>> {
    let syntax = decl.syntax(db);
    let offset = decl.offset(db);
    let (name, full) = syntax
        .fields
        .iter()
        .map(|field| (field.name.range, field.range, &field.name.text))
        .chain(
            syntax
                .variants
                .iter()
                .map(|variant| (variant.name.range, variant.range, &variant.name.text)),
        )
        .chain(
            syntax
                .parameters
                .iter()
                .map(|parameter| (parameter.name.range, parameter.range, &parameter.name.text)),
        )
        .find(|(_, _, text)| text.as_str() == member)
        .map(|(name, full, _)| (name, full))?;
    Some(Definition {
        decl,
        name_range: name.shifted(offset),
        full_range: full.shifted(offset),
    })
}

/// The mixin names of `@use(...)` lines, in order.
pub fn mixins_of(syntax: &Declaration) -> impl Iterator<Item = &str> {
    syntax
        .attributes
        .iter()
        .filter(|attribute| attribute.name.text == "use")
        .flat_map(|attribute| attribute.positional())
        .filter_map(Expr::as_ident)
}

/// A field of `owner` (its own, or from a mixin it uses).
pub fn field_in<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    owner: Decl<'db>,
    name: &str,
) -> Option<&'db Field> {
    let syntax: &'db Declaration = owner.syntax(db);
    if let Some(field) = syntax.field(name) {
        return Some(field);
    }
    mixins(db, file, owner).find_map(|mixin| {
        let mixin: &'db Declaration = mixin.syntax(db);
        mixin.field(name)
    })
}

struct Collector<'a> {
    db: &'a dyn Db,
    file: SourceFile,
    decl: Decl<'a>,
    syntax: &'a Declaration,
    out: Vec<Occurrence>,
}

impl<'a> Collector<'a> {
    fn push(&mut self, range: TextRange, symbol: Symbol, is_definition: bool) {
        self.out.push(Occurrence {
            range,
            symbol,
            is_definition,
        });
    }

    /// A use of a member, attributed to the declaration that defines it
    /// (a mixin, for a field a model takes from one).
    fn push_member(&mut self, range: TextRange, owner: &DeclName, member: &str) {
        let symbol = Symbol::member(owner, member);
        let symbol = match owner.namespace {
            Namespace::Type => resolve(self.db, self.file, &symbol)
                .and_then(|found| DeclName::of(self.db, found.decl))
                .map_or(symbol, |defined_in| Symbol::member(&defined_in, member)),
            // Views and procedures take no mixins.
            Namespace::View | Namespace::Procedure => symbol,
        };
        self.push(range, symbol, false);
    }

    /// This declaration's name; a configuration block's is in no namespace
    /// and is never looked up.
    fn own(&self) -> DeclName {
        DeclName {
            namespace: Namespace::of(self.syntax.kind).unwrap_or(Namespace::Type),
            name: self.syntax.name_text().to_string(),
        }
    }

    fn declaration(&mut self) {
        let syntax = self.syntax;
        let own = self.own();
        if syntax.name.is_some()
            && let Some(name) = DeclName::of(self.db, self.decl)
        {
            self.push(syntax.name_range(), Symbol::Decl(name), true);
        }
        for attribute in &syntax.attributes {
            self.line_attribute(attribute);
        }
        for field in &syntax.fields {
            self.push(
                field.name.range,
                Symbol::member(&own, &field.name.text),
                true,
            );
            if let Some(ty) = &field.ty {
                self.type_ref(ty);
            }
            for attribute in &field.attributes {
                self.field_attribute(field, attribute);
            }
        }
        for variant in &syntax.variants {
            self.push(
                variant.name.range,
                Symbol::member(&own, &variant.name.text),
                true,
            );
        }
        for parameter in &syntax.parameters {
            self.push(
                parameter.name.range,
                Symbol::member(&own, &parameter.name.text),
                true,
            );
            if let Some(ty) = &parameter.ty {
                self.type_ref(ty);
            }
        }
        if let Some(ty) = &syntax.return_type {
            self.type_ref(ty);
        }
        // View sources are models: names in the type namespace.
        for source in &syntax.sources {
            self.push(
                source.range,
                Symbol::Decl(DeclName::ty(&source.text)),
                false,
            );
        }
        for attribute in &syntax.block_attributes {
            self.block_attribute(attribute);
        }
    }

    fn type_ref(&mut self, ty: &TypeRef) {
        if Scalar::from_name(&ty.name.text).is_none() && !ty.name.text.is_empty() {
            self.push(
                ty.name.range,
                Symbol::Decl(DeclName::ty(&ty.name.text)),
                false,
            );
        }
        for argument in ty.arguments.iter().flatten() {
            self.type_ref(argument);
        }
    }

    /// Single-`@` lines: `@use(Mixin)` in bodies, policies and
    /// `@authorize(Model, ...)` on procedures.
    fn line_attribute(&mut self, attribute: &Attribute) {
        match attribute.name.text.as_str() {
            "use" => {
                for value in attribute.positional() {
                    if let Some(name) = value.as_ident() {
                        self.push(value.range, Symbol::Decl(DeclName::ty(name)), false);
                    }
                }
            }
            "allow" | "deny" => {
                for argument in attribute.args() {
                    self.policy(&argument.value);
                }
            }
            "authorize" => {
                if let Some(first) = attribute.positional().next()
                    && let Some(name) = first.as_ident()
                {
                    self.push(first.range, Symbol::Decl(DeclName::ty(name)), false);
                }
                for value in attribute.positional().skip(2) {
                    self.policy(value);
                }
            }
            _ => {}
        }
    }

    fn field_attribute(&mut self, field: &Field, attribute: &Attribute) {
        let own = self.own();
        match attribute.name.text.as_str() {
            "relation" => {
                if let Some(fields) = attribute.named("fields") {
                    self.name_list(&fields.value, &own);
                }
                if let (Some(references), Some(ty)) = (attribute.named("references"), &field.ty) {
                    self.name_list(&references.value, &DeclName::ty(&ty.name.text));
                }
            }
            "default" => {
                if let (Some(value), Some(ty)) = (attribute.positional().next(), &field.ty)
                    && let Some(name) = value.as_ident()
                    && self.is_enum(&ty.name.text)
                {
                    self.push_member(value.range, &DeclName::ty(&ty.name.text), name);
                }
            }
            "from" => {
                if let Some(value) = attribute.positional().next()
                    && let Some(path) = value.as_path()
                    && let Some(&(model, range)) = path.first()
                {
                    let model = DeclName::ty(model);
                    self.push(range, Symbol::Decl(model.clone()), false);
                    if let Some(&(member, range)) = path.get(1) {
                        self.push_member(range, &model, member);
                    }
                }
            }
            _ => {}
        }
    }

    fn block_attribute(&mut self, attribute: &Attribute) {
        let own = self.own();
        match attribute.name.text.as_str() {
            "index" | "unique" | "id" => {
                for argument in attribute.args() {
                    if argument.name.is_none()
                        || argument
                            .name
                            .as_ref()
                            .is_some_and(|name| name.text == "fields")
                    {
                        self.name_list(&argument.value, &own);
                    }
                }
            }
            "allow" | "deny" => {
                for argument in attribute.args() {
                    self.policy(&argument.value);
                }
            }
            _ => {}
        }
    }

    /// `[a, b]` naming members of `owner`.
    fn name_list(&mut self, value: &Expr, owner: &DeclName) {
        if let ExprKind::Array(items) = &value.kind {
            for item in items {
                if let Some(name) = item.as_ident() {
                    self.push_member(item.range, owner, name);
                }
            }
        }
    }

    fn is_enum(&self, name: &str) -> bool {
        matches!(
            resolve_type_name(self.db, self.file, name),
            Some(Resolved::Enum(_))
        )
    }

    /// The declaration a field's type names, when it is a record or enum.
    fn field_type(&self, owner: &DeclName, field: &str) -> Option<DeclName> {
        let owner = if *owner == self.own() {
            self.decl
        } else {
            lookup(self.db, self.file, owner)?
        };
        let field = field_in(self.db, self.file, owner, field)?;
        let name = &field.ty.as_ref()?.name.text;
        type_decl(self.db, self.file, name).map(|_| DeclName::ty(name))
    }

    fn auth_name(&self) -> Option<DeclName> {
        auth_decl(self.db, self.file).map(|auth| DeclName::ty(auth.name(self.db)))
    }

    /// Walks `segments` starting in `owner`, following each field's type.
    fn walk(&mut self, mut owner: Option<DeclName>, segments: &[(&str, TextRange)]) {
        for &(segment, range) in segments {
            if lang::names(lang::QUANTIFIERS).any(|quantifier| quantifier == segment) {
                continue;
            }
            let Some(current) = owner.take() else {
                return;
            };
            self.push_member(range, &current, segment);
            owner = self.field_type(&current, segment);
        }
    }

    fn policy(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Binary { left, right, .. } | ExprKind::In { left, right, .. } => {
                self.policy(left);
                self.policy(right);
            }
            ExprKind::Not(inner) | ExprKind::Paren(inner) => self.policy(inner),
            ExprKind::Array(items) => items.iter().for_each(|item| self.policy(item)),
            ExprKind::Call { arguments, .. } => {
                for argument in &arguments.items {
                    self.policy(&argument.value);
                }
            }
            ExprKind::Member { object, .. } => {
                if auth_root(expr).is_some() {
                    let mut segments = Vec::new();
                    collect_after_auth(expr, &mut segments);
                    let auth = self.auth_name();
                    self.walk(auth, &segments);
                } else if let Some(path) = expr.as_path() {
                    self.path(&path);
                } else {
                    self.policy(object);
                }
            }
            ExprKind::Ident(name) => {
                self.path(&[(name.as_str(), expr.range)]);
            }
            _ => {}
        }
    }

    /// A plain or dotted name in a policy: an input (`args.x` in a
    /// procedure), a field of this record, or an enum variant.
    fn path(&mut self, path: &[(&str, TextRange)]) {
        let own = self.own();
        let Some(&(first, range)) = path.first() else {
            return;
        };
        if self.syntax.kind == DeclKind::Procedure {
            if self.input_path(path) {
                return;
            }
        } else if field_in(self.db, self.file, self.decl, first).is_some() {
            self.walk(Some(own), path);
            return;
        }
        if path.len() == 1
            && let Some(owner) = self.enum_with_variant(first)
        {
            self.push_member(range, &DeclName::ty(&owner), first);
        }
    }

    /// A path in a procedure's policy, read as the checker reads it: an
    /// input and the fields of its type; failing that, fields of the type
    /// of an input named `args`. While neither applies, `args.x` is taken
    /// to mean the input `x` (the checker reports the `args` it cannot
    /// find). False when the path names no input.
    fn input_path(&mut self, path: &[(&str, TextRange)]) -> bool {
        let own = self.own();
        let parameter = |name: &str| self.syntax.parameters.iter().find(|p| p.name.text == name);
        let type_of = |name: &str| {
            parameter(name)
                .and_then(|p| p.ty.as_ref())
                .map(|ty| ty.name.text.as_str())
                .filter(|ty| type_decl(self.db, self.file, ty).is_some())
                .map(DeclName::ty)
        };
        let (first, range) = path[0];
        if parameter(first).is_some() {
            let ty = type_of(first);
            self.push_member(range, &own, first);
            self.walk(ty, &path[1..]);
        } else if parameter("args").is_some() {
            let ty = type_of("args");
            self.walk(ty, path);
        } else if first == "args"
            && let Some(&(input, range)) = path.get(1)
            && parameter(input).is_some()
        {
            let ty = type_of(input);
            self.push_member(range, &own, input);
            self.walk(ty, &path[2..]);
        } else {
            return false;
        }
        true
    }

    fn enum_with_variant(&self, variant: &str) -> Option<String> {
        enum_variants(self.db, self.file).get(variant).cloned()
    }
}

/// Whether `expr` is `auth().a...`; returns the `auth()` call.
fn auth_root(expr: &Expr) -> Option<&Expr> {
    match &expr.kind {
        ExprKind::Member { object, .. } => auth_root(object),
        ExprKind::Call { callee, arguments }
            if callee.as_ident() == Some("auth") && arguments.items.is_empty() =>
        {
            Some(expr)
        }
        _ => None,
    }
}

fn collect_after_auth<'e>(expr: &'e Expr, out: &mut Vec<(&'e str, TextRange)>) {
    if let ExprKind::Member { object, property } = &expr.kind {
        collect_after_auth(object, out);
        out.push((property.text.as_str(), property.range));
    }
}

/// The occurrence under `offset` in `decl` (absolute offset), if any.
pub fn occurrence_at<'db>(
    db: &'db dyn Db,
    decl: Decl<'db>,
    offset: u32,
) -> Option<&'db Occurrence> {
    let relative = offset.checked_sub(decl.offset(db))?;
    decl_index(db, decl)
        .occurrences
        .iter()
        .find(|occurrence| occurrence.range.touches(relative))
}

/// Every occurrence of `symbol` in `file`, absolute, in source order.
pub fn occurrences_of(db: &dyn Db, file: SourceFile, symbol: &Symbol) -> Vec<(TextRange, bool)> {
    let mut out = Vec::new();
    for decl in &item_tree(db, file).decls {
        let offset = decl.offset(db);
        for occurrence in &decl_index(db, *decl).occurrences {
            if &occurrence.symbol == symbol {
                out.push((occurrence.range.shifted(offset), occurrence.is_definition));
            }
        }
    }
    out
}
