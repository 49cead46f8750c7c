// The reader worker's loader (src/reader.rs, src/ui/reader.rs): wasm-bindgen's glue, then the
// module. A module that fails to load is thrown again from a task, so that the page hears of it
// as the worker's error event (a rejected promise alone would leave the page waiting).
importScripts('./deploysim-reader.js');
wasm_bindgen('./deploysim-reader_bg.wasm').catch((e) => setTimeout(() => { throw e; }));
