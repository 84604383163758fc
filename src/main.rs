//! The `hospigen` binary: parse, run, print the error chain, exit with its code.

use clap::Parser;

fn main() {
    let cli = hospigen::cli::Cli::parse();
    match hospigen::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            if hospigen::error::is_broken_pipe(&err) {
                std::process::exit(0);
            }
            eprintln!("error: {err:#}");
            std::process::exit(if hospigen::error::is_input_error(&err) {
                2
            } else {
                1
            });
        }
    }
}
