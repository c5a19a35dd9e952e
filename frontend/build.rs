//! Generates the `i18n` module (typed translation keys) from `locales/*.json` with `leptos_i18n_build`,
//! and links the split storefront with the relocations wasm-split needs.

use leptos_i18n_build::options::CodegenOptions;
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    // Only the storefront binary of a `split` build (see src/chunks.rs): the relocations would
    // bloat every other wasm, and rustflags would rebuild every dependency.
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=storefront=--emit-relocs");
    }
    let out_dir = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let module_dir = PathBuf::from(out_dir).join("i18n");

    // zh (Simplified Chinese) is the default locale; en is the switch.
    // `interpolate_display` lets `t_string!` fill in values (used for aria-labels and titles).
    let options = ParseOptions::default().interpolate_display(true);
    let config = Config::new("zh")?.add_locale("en")?.parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();

    // Generated code: keep the workspace lints (missing docs, pedantic clippy) out of it.
    let codegen = CodegenOptions::new().top_level_attributes(
        "#![allow(missing_docs, unused, clippy::all, clippy::pedantic)]"
            .parse()
            .ok(),
    );
    translations.generate_i18n_module_with_options(module_dir, codegen)?;
    Ok(())
}
