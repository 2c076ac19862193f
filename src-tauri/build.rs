//! Builds the Tauri context from the root `tauri.conf.json`.
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json")).expect("tauri build");
}
