#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gradgraph_cli::fuzz::page(data));
