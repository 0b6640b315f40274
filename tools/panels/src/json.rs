//! The little JSON the panels hand to the page's script: no serde, so the WebAssembly module
//! needs nothing the chapters' crates do not already need.

use crate::{Frame, Panel};

/// A JSON string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON number: the shortest text that reads back as the same `f64` (JavaScript's
/// `JSON.parse` reads it exactly); `null` for what JSON cannot hold (infinities, NaN).
pub fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:e}")
    } else {
        "null".to_string()
    }
}

/// A panel's settings and chart, from which the script builds its controls.
pub fn describe(panel: &Panel) -> String {
    let settings: Vec<String> = panel
        .settings
        .iter()
        .map(|s| {
            format!(
                "{{\"key\":{},\"label\":{},\"default\":{},\"min\":{},\"max\":{},\"integer\":{}}}",
                string(s.key),
                string(s.label),
                number(s.default),
                number(s.min),
                number(s.max),
                s.integer
            )
        })
        .collect();
    let series: Vec<String> = panel.chart.series.iter().map(|s| string(s)).collect();
    format!(
        "{{\"name\":{},\"title\":{},\"settings\":[{}],\"chart\":{{\"x\":{},\"y\":{},\"log\":{},\"series\":[{}]}}}}",
        string(panel.name),
        string(panel.title),
        settings.join(","),
        string(panel.chart.x_label),
        string(panel.chart.y_label),
        panel.chart.log_y,
        series.join(",")
    )
}

/// What some units of a run produced: `{"text": ..., "points": [[series, x, y], ...]}`.
pub fn frame(frame: &Frame) -> String {
    let points: Vec<String> = frame
        .points
        .iter()
        .map(|p| format!("[{},{},{}]", p.series, number(p.x), number(p.y)))
        .collect();
    format!(
        "{{\"text\":{},\"points\":[{}]}}",
        string(&frame.text),
        points.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Point;

    #[test]
    fn strings_and_numbers_are_escaped_and_exact() {
        assert_eq!(string("a \"b\"\n\\"), r#""a \"b\"\n\\""#);
        assert_eq!(string("\u{1}"), r#""\u0001""#);
        assert_eq!(number(0.18), "1.8e-1");
        assert_eq!("1.8e-1".parse::<f64>().unwrap(), 0.18);
        assert_eq!(number(60.0), "6e1");
        assert_eq!(number(f64::INFINITY), "null");
    }

    #[test]
    fn a_frame_lists_its_text_and_points() {
        let f = Frame {
            text: "step 1\n".into(),
            points: vec![Point {
                series: 2,
                x: 1.0,
                y: 0.5,
            }],
        };
        assert_eq!(frame(&f), r#"{"text":"step 1\n","points":[[2,1e0,5e-1]]}"#);
    }

    #[test]
    fn a_description_names_every_setting() {
        let panel = crate::find("ch09-optimizers/valley").unwrap();
        let d = describe(panel);
        assert!(d.starts_with(r#"{"name":"ch09-optimizers/valley","#), "{d}");
        for s in panel.settings {
            assert!(d.contains(&format!("\"key\":\"{}\"", s.key)), "{d}");
        }
    }
}
