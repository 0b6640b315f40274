// The book's live panels: a chapter's program, compiled to WebAssembly (tools/panels), run in
// the page. The book's preprocessor leaves an empty, hidden <div class="panel"> where the
// chapter says {{#panel CRATE/PROGRAM}}; this script asks the module which settings that
// program takes, builds the controls, runs it a few steps per animation frame, appends what it
// prints and draws what it reports. The settings live in the page's URL (?valley.sgd_lr=0.3),
// so a link shares exactly what was run. Without JavaScript the page reads as if this did not
// exist. Nothing here is downloaded from anywhere but the book itself.
(function () {
    "use strict";

    const holders = Array.from(document.querySelectorAll("div.panel[data-panel]"));
    if (holders.length === 0) {
        return;
    }
    const SVG = "http://www.w3.org/2000/svg";
    // The figures' palette (tools/figure-style): Okabe and Ito's colour-blind-safe hues.
    const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();

    // Calls an export with strings, which are copied into the module's memory; returns the
    // status and the answer the module left behind.
    function call(wasm, name, ...args) {
        const raw = [];
        const reserved = [];
        for (const arg of args) {
            if (typeof arg === "string") {
                const bytes = encoder.encode(arg);
                const ptr = wasm.panels_alloc(bytes.length);
                new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
                raw.push(ptr, bytes.length);
                reserved.push([ptr, bytes.length]);
            } else {
                raw.push(arg);
            }
        }
        const status = wasm[name](...raw);
        for (const [ptr, len] of reserved) {
            wasm.panels_free(ptr, len);
        }
        const out = new Uint8Array(wasm.memory.buffer, wasm.panels_out_ptr(), wasm.panels_out_len());
        return { status, text: decoder.decode(out) };
    }

    function element(tag, attributes, text) {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attributes || {})) {
            e.setAttribute(k, v);
        }
        if (text !== undefined) {
            e.textContent = text;
        }
        return e;
    }

    function svgElement(tag, attributes, text) {
        const e = document.createElementNS(SVG, tag);
        for (const [k, v] of Object.entries(attributes)) {
            e.setAttribute(k, v);
        }
        if (text !== undefined) {
            e.textContent = text;
        }
        return e;
    }

    // Round numbers for the x axis: about five ticks.
    function ticks(max) {
        const rough = max / 5;
        const power = Math.pow(10, Math.floor(Math.log10(rough)));
        const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
        const out = [];
        for (let t = 0; t <= max + 1e-9; t += step) {
            out.push(t);
        }
        return out;
    }

    // Draws the chart on a white card, as the figures are drawn, so that it reads the same in
    // every theme.
    function draw(svg, chart, series, units) {
        const W = 640, H = 300, left = 64, right = 16, top = 12, bottom = 44;
        svg.replaceChildren();
        svg.appendChild(svgElement("rect", { x: 0, y: 0, width: W, height: H, fill: "#FFFFFF" }));
        const all = series.flat().map((p) => p[1]).filter((y) => (chart.log ? y > 0 : true));
        if (all.length === 0) {
            return;
        }
        let lo = Math.min(...all), hi = Math.max(...all);
        if (chart.log) {
            lo = Math.floor(Math.log10(lo));
            hi = Math.max(Math.ceil(Math.log10(hi)), lo + 1);
        } else if (hi === lo) {
            hi = lo + 1;
        }
        const x = (v) => left + (v / Math.max(units, 1)) * (W - left - right);
        const y = (v) => {
            const t = chart.log ? Math.log10(Math.max(v, Math.pow(10, lo))) : v;
            return top + (1 - (t - lo) / (hi - lo)) * (H - top - bottom);
        };
        const text = { fill: "#000000", "font-family": "sans-serif", "font-size": 12 };
        const grid = { stroke: "#DDDDDD", "stroke-width": 1 };
        for (const t of ticks(units)) {
            svg.appendChild(svgElement("line", { x1: x(t), x2: x(t), y1: top, y2: H - bottom, ...grid }));
            svg.appendChild(svgElement("text", { x: x(t), y: H - bottom + 16, "text-anchor": "middle", ...text }, String(t)));
        }
        const yTicks = [];
        if (chart.log) {
            const every = Math.max(1, Math.ceil((hi - lo) / 6));
            for (let k = lo; k <= hi; k += every) {
                yTicks.push([Math.pow(10, k), "1e" + k]);
            }
        } else {
            for (let i = 0; i <= 4; i++) {
                const v = lo + ((hi - lo) * i) / 4;
                yTicks.push([v, v.toPrecision(3)]);
            }
        }
        for (const [v, label] of yTicks) {
            svg.appendChild(svgElement("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), ...grid }));
            svg.appendChild(svgElement("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", ...text }, label));
        }
        svg.appendChild(svgElement("rect", { x: left, y: top, width: W - left - right, height: H - top - bottom, fill: "none", stroke: "#000000" }));
        svg.appendChild(svgElement("text", { x: (left + W - right) / 2, y: H - 8, "text-anchor": "middle", ...text }, chart.x));
        svg.appendChild(svgElement("text", { x: 14, y: (top + H - bottom) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(top + H - bottom) / 2})`, ...text }, chart.y + (chart.log ? " (log scale)" : "")));
        series.forEach((points, i) => {
            if (points.length === 0) {
                return;
            }
            const d = points.map((p, j) => (j === 0 ? "M" : "L") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1)).join(" ");
            svg.appendChild(svgElement("path", { d, fill: "none", stroke: COLOURS[i % COLOURS.length], "stroke-width": 2 }));
        });
        chart.series.forEach((name, i) => {
            const ly = top + 14 + i * 18;
            svg.appendChild(svgElement("line", { x1: W - right - 110, x2: W - right - 86, y1: ly - 4, y2: ly - 4, stroke: COLOURS[i % COLOURS.length], "stroke-width": 3 }));
            svg.appendChild(svgElement("text", { x: W - right - 80, y: ly, ...text }, name));
        });
    }

    function build(holder, wasm, spec) {
        const program = spec.name.split("/")[1];
        const inputs = new Map();
        const form = element("form", { class: "panel-settings" });
        for (const s of spec.settings) {
            const id = `panel-${program}-${s.key}`;
            const input = element("input", {
                id,
                type: "number",
                min: String(s.min),
                max: String(s.max),
                step: s.integer ? "1" : "any",
                value: String(s.default),
                "data-key": s.key,
            });
            const label = element("label", { for: id }, s.label);
            const field = element("div", { class: "panel-field" });
            field.append(label, input);
            form.appendChild(field);
            inputs.set(s.key, input);
        }
        const run = element("button", { type: "submit", class: "panel-run" }, "Run");
        const reset = element("button", { type: "button", class: "panel-reset" }, "Defaults");
        const status = element("span", { class: "panel-status", role: "status", "aria-live": "polite" });
        const buttons = element("div", { class: "panel-buttons" });
        buttons.append(run, reset, status);
        form.appendChild(buttons);
        const svg = svgElement("svg", {
            class: "panel-chart",
            viewBox: "0 0 640 300",
            role: "img",
            "aria-label": `${spec.chart.y} against ${spec.chart.x} for ${spec.chart.series.join(", ")}, drawn as the program runs`,
        });
        const output = element("pre", { class: "panel-output" });
        const code = element("code", {}, "");
        output.appendChild(code);
        const title = element("p", { class: "panel-title" });
        title.append(element("strong", {}, "Run it here: "), document.createTextNode(`${spec.title}. `),
            document.createTextNode("The same code as above, compiled to WebAssembly; with the defaults it prints exactly the output shown above."));
        // The chart and the output appear with the first run.
        svg.style.display = "none";
        output.hidden = true;
        holder.replaceChildren(title, form, svg, output);
        holder.hidden = false;
        holder.dataset.state = "ready";

        // Settings from the URL, then run at once if it named any: a shared link shows its run.
        const params = new URL(window.location.href).searchParams;
        let fromUrl = false;
        for (const [key, input] of inputs) {
            const value = params.get(`${program}.${key}`);
            if (value !== null) {
                input.value = value;
                fromUrl = true;
            }
        }

        let generation = 0;
        function start() {
            const mine = ++generation;
            const query = Array.from(inputs, ([key, input]) => `${key}=${input.value.trim()}`).join("&");
            const url = new URL(window.location.href);
            for (const [key, input] of inputs) {
                url.searchParams.set(`${program}.${key}`, input.value.trim());
            }
            window.history.replaceState(window.history.state, "", url);
            code.textContent = "";
            svg.style.display = "";
            output.hidden = false;
            const series = spec.chart.series.map(() => []);
            draw(svg, spec.chart, series, 1);
            const started = call(wasm, "panels_start", spec.name, query);
            if (started.status === 0) {
                holder.dataset.state = "error";
                status.textContent = started.text;
                return;
            }
            const units = JSON.parse(started.text).units;
            // About a second and a half for the whole run, one slice per frame.
            const perFrame = Math.max(1, Math.ceil(units / 90));
            let done = 0;
            holder.dataset.state = "running";
            status.textContent = "running";
            function frame() {
                if (mine !== generation) {
                    return;
                }
                const answer = call(wasm, "panels_advance", perFrame);
                if (answer.status === 0) {
                    holder.dataset.state = "error";
                    status.textContent = answer.text;
                    return;
                }
                const f = JSON.parse(answer.text);
                code.textContent += f.text;
                for (const [i, px, py] of f.points) {
                    series[i].push([px, py]);
                }
                done = Math.min(units, done + perFrame);
                draw(svg, spec.chart, series, units);
                if (answer.status === 2) {
                    holder.dataset.state = "done";
                    status.textContent = `done: ${units} ${spec.chart.x}s`;
                } else {
                    status.textContent = `running: ${done} of ${units} ${spec.chart.x}s`;
                    window.requestAnimationFrame(frame);
                }
            }
            window.requestAnimationFrame(frame);
        }
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            start();
        });
        reset.addEventListener("click", () => {
            for (const s of spec.settings) {
                inputs.get(s.key).value = String(s.default);
            }
            start();
        });
        if (fromUrl) {
            start();
        }
    }

    fetch(path_to_root + "panels/panels.wasm")
        .then((response) => {
            if (!response.ok) {
                throw new Error(`panels/panels.wasm: ${response.status}`);
            }
            return response.arrayBuffer();
        })
        .then((bytes) => WebAssembly.instantiate(bytes, {}))
        .then(({ instance }) => {
            const wasm = instance.exports;
            for (const holder of holders) {
                const described = call(wasm, "panels_describe", holder.dataset.panel);
                if (described.status === 0) {
                    console.warn(`panel ${holder.dataset.panel}: ${described.text}`);
                    continue;
                }
                build(holder, wasm, JSON.parse(described.text));
            }
        })
        .catch((e) => console.warn(`the live panels are not available (${e.message}); build the book with \`cargo book build\``));
})();
