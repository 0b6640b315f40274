//! One look for every figure in the book.
//!
//! Figures are SVG drawn with plotters. Text is measured with DejaVu Sans, embedded in the
//! build, so no system font library is needed and the same code writes the same bytes on every
//! machine. The canvas is filled white, so a figure reads the same in the light and the dark
//! themes.

use std::error::Error;

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
use plotters::style::{FontStyle, register_font};

/// What a figure function returns: the SVG text, or what went wrong while drawing.
pub type FigureResult = Result<String, Box<dyn Error>>;

/// The book's palette: colour-blind-safe hues (Okabe and Ito) that keep their contrast on the
/// white canvas.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const RED: RGBColor = RGBColor(213, 94, 0);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub const SKY: RGBColor = RGBColor(86, 180, 233);
pub const GREY: RGBColor = RGBColor(120, 120, 120);
/// The series colours, in the order a chart should use them.
pub const SERIES: [RGBColor; 6] = [BLUE, ORANGE, GREEN, RED, PURPLE, SKY];

/// The standard figure size, in pixels.
pub const SIZE: (u32, u32) = (640, 400);

/// Font sizes for captions, axis descriptions and tick labels.
pub const CAPTION: u32 = 20;
pub const LABEL: u32 = 16;
pub const TICK: u32 = 13;

/// Makes DejaVu Sans the `sans-serif` that plotters measures text with.
///
/// In a WebAssembly build for the browser plotters measures text with the browser's own fonts
/// and has no font registry, so there this does nothing: the libraries that draw figures still
/// build for the browser, and the book's figures are drawn natively.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub fn register_fonts() {}

/// Makes DejaVu Sans the `sans-serif` that plotters measures text with.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn register_fonts() {
    use std::sync::Once;
    static FONT: Once = Once::new();
    FONT.call_once(|| {
        let bytes = include_bytes!("../fonts/DejaVuSans.ttf");
        register_font("sans-serif", FontStyle::Normal, bytes)
            .unwrap_or_else(|_| unreachable!("the embedded DejaVu Sans is a valid font"));
    });
}

/// Draws a figure of `size` pixels on a white SVG canvas and returns the SVG text.
///
/// ```
/// use plotters::prelude::*;
/// let svg = figure_style::svg(figure_style::SIZE, |root| {
///     root.draw(&Circle::new((320, 200), 50, figure_style::BLUE.filled()))?;
///     Ok(())
/// })
/// .unwrap();
/// assert!(svg.starts_with("<svg"));
/// ```
pub fn svg<F>(size: (u32, u32), draw: F) -> FigureResult
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), Box<dyn Error>>,
{
    register_fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    Ok(text)
}

/// A chart with two `f64` axes, with the book's margins and room for the axis labels.
pub type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The book's standard chart on `root`, spanning `x` and `y`. Draw its axes with [`axes`], or
/// configure the mesh yourself when the ticks need their own format.
pub fn chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    x: Range<f64>,
    y: Range<f64>,
) -> Result<Chart<'a, 'b>, Box<dyn Error>> {
    Ok(ChartBuilder::on(root)
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(52)
        .build_cartesian_2d(x, y)?)
}

/// Draws the axes of `chart` with their descriptions, in the book's fonts, with white (that is,
/// invisible) minor grid lines.
pub fn axes(chart: &mut Chart<'_, '_>, x_desc: &str, y_desc: &str) -> Result<(), Box<dyn Error>> {
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(("sans-serif", LABEL))
        .label_style(("sans-serif", TICK))
        .light_line_style(WHITE)
        .draw()?;
    Ok(())
}

/// Draws the legend of `chart` at `position`: the labels of its series on a white box with a
/// grey border.
pub fn legend<'a, 'b: 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, CT>,
    position: SeriesLabelPosition,
) -> Result<(), Box<dyn Error>> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font(("sans-serif", TICK))
        .background_style(WHITE.mix(0.9))
        .border_style(GREY)
        .draw()?;
    Ok(())
}
