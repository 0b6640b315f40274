//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch04_entropy::figures;

#[test]
fn coin() {
    listing_test::assert_figure("ch04-coin", &figures::coin().unwrap());
}
