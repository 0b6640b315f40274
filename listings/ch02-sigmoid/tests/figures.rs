//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch02_sigmoid::figures;

#[test]
fn curve() {
    listing_test::assert_figure("ch02-curve", &figures::curve().unwrap());
}

#[test]
fn students() {
    listing_test::assert_figure("ch02-students", &figures::students().unwrap());
}
