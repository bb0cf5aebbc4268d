#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gradgraph::fuzz::model_json(data));
