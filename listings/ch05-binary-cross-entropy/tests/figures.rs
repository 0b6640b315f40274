//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch05_binary_cross_entropy::figures;

#[test]
fn costs() {
    listing_test::assert_figure("ch05-costs", &figures::costs().unwrap());
}
