// The book's live panels: a chapter's program, compiled to WebAssembly (tools/panels), run in
// the page. The book's preprocessor leaves an empty, hidden <div class="panel"> where the
// chapter says {{#panel CRATE/PROGRAM}}; this script asks the module which settings that
// program takes, builds the controls, and runs the program in a Web Worker (worker.js, beside
// this file), which sends what the program prints and plots as it goes; the page appends the
// text and draws the curves a few units per animation frame. The settings live in the page's
// URL (?valley.sgd_lr=0.3), so a link shares exactly what was run. Without JavaScript the page
// reads as if this did not exist. Nothing here is downloaded from anywhere but the book itself.
(function () {
    "use strict";

    const holders = Array.from(document.querySelectorAll("div.panel[data-panel]"));
    if (holders.length === 0) {
        return;
    }
    const SVG = "http://www.w3.org/2000/svg";
    // The figures' palette (tools/figure-style): Okabe and Ito's colour-blind-safe hues.
    const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];

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

    // Round numbers from at most lo to at least hi, about five steps of 1, 2 or 5 times a power
    // of ten apart, each with its label.
    function ticks(lo, hi) {
        const rough = (hi - lo) / 5;
        const power = Math.pow(10, Math.floor(Math.log10(rough)));
        const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
        const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        const out = [];
        for (let k = Math.floor(lo / step + 1e-9); k <= Math.ceil(hi / step - 1e-9); k++) {
            out.push([k * step, (k * step).toFixed(decimals)]);
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
        } else {
            if (hi - lo < 1e-6 * Math.max(1, Math.abs(hi))) {
                hi = lo + Math.max(1e-3, Math.abs(lo) * 0.01);
            }
            const round = ticks(lo, hi);
            lo = round[0][0];
            hi = round[round.length - 1][0];
        }
        const x = (v) => left + (v / Math.max(units, 1)) * (W - left - right);
        const y = (v) => {
            const t = chart.log ? Math.log10(Math.max(v, Math.pow(10, lo))) : v;
            return top + (1 - (t - lo) / (hi - lo)) * (H - top - bottom);
        };
        const text = { fill: "#000000", "font-family": "sans-serif", "font-size": 12 };
        const grid = { stroke: "#DDDDDD", "stroke-width": 1 };
        for (const [t, label] of ticks(0, Math.max(units, 1))) {
            svg.appendChild(svgElement("line", { x1: x(t), x2: x(t), y1: top, y2: H - bottom, ...grid }));
            svg.appendChild(svgElement("text", { x: x(t), y: H - bottom + 16, "text-anchor": "middle", ...text }, label));
        }
        const yTicks = [];
        if (chart.log) {
            const every = Math.max(1, Math.ceil((hi - lo) / 6));
            for (let k = lo; k <= hi; k += every) {
                yTicks.push([Math.pow(10, k), "1e" + k]);
            }
        } else {
            yTicks.push(...ticks(lo, hi));
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
        // The legend in the top right corner, as wide as its longest name (about 7 px a letter).
        const legend = W - right - 40 - 7 * Math.max(...chart.series.map((name) => name.length));
        chart.series.forEach((name, i) => {
            const ly = top + 14 + i * 18;
            svg.appendChild(svgElement("line", { x1: legend, x2: legend + 24, y1: ly - 4, y2: ly - 4, stroke: COLOURS[i % COLOURS.length], "stroke-width": 3 }));
            svg.appendChild(svgElement("text", { x: legend + 30, y: ly, ...text }, name));
        });
    }

    function build(holder, module, spec) {
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
                title: `from ${s.min} to ${s.max}${s.integer ? ", a whole number" : ""}`,
            });
            const label = element("label", { for: id }, s.label);
            const field = element("div", { class: "panel-field" });
            field.append(label, input);
            form.appendChild(field);
            inputs.set(s.key, input);
        }
        const run = element("button", { type: "submit", class: "panel-run" }, "Run");
        const stop = element("button", { type: "button", class: "panel-stop", disabled: "" }, "Stop");
        const reset = element("button", { type: "button", class: "panel-reset" }, "Defaults");
        const status = element("span", { class: "panel-status", role: "status", "aria-live": "polite" });
        const buttons = element("div", { class: "panel-buttons" });
        buttons.append(run, stop, reset, status);
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
        let worker = null;
        function end(state, text) {
            if (worker) {
                worker.terminate();
                worker = null;
            }
            stop.disabled = true;
            holder.dataset.state = state;
            status.textContent = text;
        }
        function start() {
            const mine = ++generation;
            end("running", "starting");
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
            holder.dataset.draws = "0";

            // What the worker sent and the page has not shown yet, and how the run ended.
            const queue = [];
            let units = 1;
            let finished = null;
            let text = "";
            let done = 0;
            worker = new Worker(path_to_root + "panels/worker.js");
            worker.onmessage = (event) => {
                if (mine !== generation) {
                    return;
                }
                const m = event.data;
                if (m.emit && m.emit.units !== undefined) {
                    units = Math.max(1, m.emit.units);
                } else if (m.emit) {
                    queue.push(m.emit);
                } else if (m.finished) {
                    finished = m.finished;
                    worker.terminate();
                    worker = null;
                }
            };
            worker.onerror = (event) => {
                event.preventDefault();
                if (mine === generation) {
                    finished = { ok: false, text: `the panel's worker failed: ${event.message || "it did not load"}`, ms: 0 };
                }
            };
            worker.postMessage({ module, run: spec.name, query });
            stop.disabled = false;
            stop.onclick = () => {
                if (mine === generation) {
                    generation++;
                    end("stopped", `stopped after ${done} ${spec.chart.x}s`);
                }
            };

            // Shows what has arrived, at most a ninetieth of the run per frame with a point
            // (about a second and a half for a run that arrives at once), text at once.
            function show() {
                if (mine !== generation) {
                    return;
                }
                const perFrame = Math.max(1, Math.ceil(units / 90));
                let plotted = 0;
                let changed = false;
                while (queue.length > 0 && plotted < perFrame) {
                    const f = queue.shift();
                    text += f.text;
                    for (const [i, px, py] of f.points) {
                        series[i].push([px, py]);
                        done = Math.max(done, px);
                    }
                    plotted += f.points.length > 0 ? 1 : 0;
                    changed = true;
                }
                if (changed) {
                    code.textContent = text;
                    draw(svg, spec.chart, series, units);
                    holder.dataset.draws = String(Number(holder.dataset.draws) + 1);
                }
                if (queue.length === 0 && finished) {
                    holder.dataset.ms = String(Math.round(finished.ms));
                    const took = finished.ms < 1000 ? `in ${Math.round(finished.ms)} ms` : `in ${(finished.ms / 1000).toFixed(1)} s`;
                    if (finished.ok) {
                        end("done", `done: ${done} ${spec.chart.x}s ${took}`);
                    } else {
                        end("error", finished.text);
                    }
                    return;
                }
                status.textContent = `running: ${done} of ${units} ${spec.chart.x}s`;
                window.requestAnimationFrame(show);
            }
            window.requestAnimationFrame(show);
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

    // The module is compiled once, here; each run instantiates it in a worker of its own.
    let module;
    fetch(path_to_root + "panels/panels.wasm")
        .then((response) => {
            if (!response.ok) {
                throw new Error(`panels/panels.wasm: ${response.status}`);
            }
            return response.arrayBuffer();
        })
        .then((bytes) => WebAssembly.compile(bytes))
        .then((compiled) => {
            module = compiled;
            return new Promise((resolve, reject) => {
                const describer = new Worker(path_to_root + "panels/worker.js");
                describer.onmessage = (event) => {
                    describer.terminate();
                    if (event.data.described) {
                        resolve(event.data.described);
                    } else {
                        reject(new Error(event.data.finished ? event.data.finished.text : "no description"));
                    }
                };
                describer.onerror = (event) => {
                    event.preventDefault();
                    describer.terminate();
                    reject(new Error("panels/worker.js did not load"));
                };
                describer.postMessage({ module, describe: holders.map((h) => h.dataset.panel) });
            });
        })
        .then((described) => {
            described.forEach((d, i) => {
                if (!d.ok) {
                    console.warn(`panel ${d.name}: ${d.text}`);
                    return;
                }
                build(holders[i], module, JSON.parse(d.text));
            });
        })
        .catch((e) => console.warn(`the live panels are not available (${e.message}); build the book with \`cargo book build\``));
})();
