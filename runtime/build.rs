//! Sets `cfg(database)` when any backend feature (`postgres`, `sqlite`,
//! `mysql`) is on: the one name for "this build talks to a database" that
//! every gated item of the runtime uses.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(database)");
    let backends = ["POSTGRES", "SQLITE", "MYSQL"];
    if backends
        .iter()
        .any(|name| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some())
    {
        println!("cargo::rustc-cfg=database");
    }
}
