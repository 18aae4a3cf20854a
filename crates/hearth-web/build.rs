//! Checks that the GOV.UK Frontend assets were built before they are embedded in the binary.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/build");
    for f in ["hearth.css", "govuk-frontend.min.js"] {
        let p = dir.join(f);
        println!("cargo:rerun-if-changed={}", p.display());
        if !p.exists() {
            println!(
                "cargo:warning=missing {}: run scripts/build-assets (it installs govuk-frontend with npm)",
                p.display()
            );
            std::process::exit(1);
        }
    }
}
