//! The Debian package's assets (`[package.metadata.deb]` in Cargo.toml, read by `cargo deb`):
//! every file it ships exists in the tree, and the man page and each completion script are
//! among them.

use std::path::Path;

/// The source paths of the `assets` list: the first string of each `[source, target, mode]`.
fn asset_sources(manifest: &str) -> Vec<String> {
    let deb = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.deb]");
    let assets = deb
        .split("assets = [")
        .nth(1)
        .expect("the deb metadata lists assets");
    let list = &assets[..assets.find("\n]").expect("the assets list ends")];
    list.lines()
        .filter_map(|line| line.trim().strip_prefix("[\""))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_deb_ships_the_binary_the_man_page_and_every_completion() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let sources = asset_sources(&manifest);
    for wanted in [
        "target/release/ausift",
        "man/ausift.1",
        "completions/ausift.bash",
        "completions/_ausift",
        "completions/ausift.fish",
    ] {
        assert!(
            sources.iter().any(|s| s == wanted),
            "{wanted} is not among the deb assets {sources:?}"
        );
    }
    for source in sources.iter().filter(|s| !s.starts_with("target/")) {
        assert!(root.join(source).is_file(), "deb asset {source} is missing");
    }
}
