//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch06_categorical_cross_entropy::figures;

#[test]
fn margins() {
    listing_test::assert_figure("ch06-margins", &figures::margins().unwrap());
}
