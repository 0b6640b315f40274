// The live panels' worker: the one place that talks to the WebAssembly module (tools/panels).
// The page (panels.js) compiles the module once and hands it over with a request; a run goes
// here, off the page's thread, so that a trainer busy for seconds leaves the page free to draw
// what it has sent so far. Stopping a run is ending its worker.
//
// Requests and answers:
//   {module, describe: [names]}  ->  {described: [{name, ok, text}]}
//   {module, run: name, query}   ->  {emit: {units}}, then {emit: {text, points}} as the run
//                                    prints and plots, then {finished: {ok, text, ms}}
"use strict";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Calls an export with strings, copied into the module's memory; returns whether it succeeded
// (a status other than 0) and the answer the module left behind.
function call(wasm, name, ...strings) {
    const raw = [];
    const reserved = [];
    for (const s of strings) {
        const bytes = encoder.encode(s);
        const ptr = wasm.panels_alloc(bytes.length);
        new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
        raw.push(ptr, bytes.length);
        reserved.push([ptr, bytes.length]);
    }
    const status = wasm[name](...raw);
    for (const [ptr, len] of reserved) {
        wasm.panels_free(ptr, len);
    }
    const out = new Uint8Array(wasm.memory.buffer, wasm.panels_out_ptr(), wasm.panels_out_len());
    return { ok: status !== 0, text: decoder.decode(out) };
}

self.onmessage = async (event) => {
    const request = event.data;
    let memory = null;
    // The module's one import: a message while a run goes on, passed to the page at once.
    const imports = {
        panels: {
            panels_emit: (ptr, len) => {
                const text = decoder.decode(new Uint8Array(memory.buffer, ptr, len));
                self.postMessage({ emit: JSON.parse(text) });
            },
        },
    };
    let wasm;
    try {
        wasm = (await WebAssembly.instantiate(request.module, imports)).exports;
        memory = wasm.memory;
    } catch (e) {
        self.postMessage({ finished: { ok: false, text: `the module does not start: ${e.message}`, ms: 0 } });
        return;
    }
    if (request.describe) {
        const described = request.describe.map((name) => ({ name, ...call(wasm, "panels_describe", name) }));
        self.postMessage({ described });
        return;
    }
    const started = performance.now();
    let answer;
    try {
        answer = call(wasm, "panels_run", request.run, request.query);
    } catch (e) {
        // A trap: a bug in the module, never the reader's settings.
        answer = { ok: false, text: `the module stopped: ${e.message}` };
    }
    self.postMessage({ finished: { ...answer, ms: performance.now() - started } });
};
