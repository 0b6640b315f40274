//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch09_optimizers::figures;

#[test]
fn valley() {
    listing_test::assert_figure("ch09-valley", &figures::valley().unwrap());
}
