//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch08_optimizers::figures;

#[test]
fn valley() {
    listing_test::assert_figure("ch08-valley", &figures::valley().unwrap());
}
