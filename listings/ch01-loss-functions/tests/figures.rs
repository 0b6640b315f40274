//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch01_loss_functions::figures;

#[test]
fn students() {
    listing_test::assert_figure("ch01-students", &figures::students().unwrap());
}

#[test]
fn hill() {
    listing_test::assert_figure("ch01-hill", &figures::hill().unwrap());
}
