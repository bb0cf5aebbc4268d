//! Finds the catalogs: every `catalogs/en/NAME.ftl`, with its `catalogs/pt-BR/NAME.ftl`,
//! compiled in by `include_str!` (a missing translation is a build error).

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    println!("cargo:rerun-if-changed={}", dir.display());
    for lang in ["en", "pt-BR"] {
        println!("cargo:rerun-if-changed={}", dir.join(lang).display());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.join("en"))
        .expect("crates/i18n/catalogs/en")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".ftl").map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut code =
        String::from("/// Every catalog: its name, its English text, its Portuguese text.\n");
    code.push_str("pub const CATALOGS: &[(&str, &str, &str)] = &[\n");
    for name in &names {
        let en = dir.join("en").join(format!("{name}.ftl"));
        let pt = dir.join("pt-BR").join(format!("{name}.ftl"));
        println!("cargo:rerun-if-changed={}", en.display());
        println!("cargo:rerun-if-changed={}", pt.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?}), include_str!({:?})),",
            en.display().to_string(),
            pt.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogs.rs");
    std::fs::write(out, code).expect("the catalogs' list written into OUT_DIR");
}
