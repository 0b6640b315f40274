//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch07_why_cross_entropy::figures;

#[test]
fn saturation() {
    listing_test::assert_figure("ch07-saturation", &figures::saturation().unwrap());
}
