//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch03_softmax::figures;

#[test]
fn temperature() {
    listing_test::assert_figure("ch03-temperature", &figures::temperature().unwrap());
}
