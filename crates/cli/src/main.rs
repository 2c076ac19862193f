//! The `mediation-desk` command line: the engine without a window, for
//! scripting and for checking a date by hand.

mod cli;

fn main() {
    std::process::exit(cli::run(std::env::args_os().collect()));
}
