//! Mediation Desk's desktop entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    mediation_desk_app::run();
}
