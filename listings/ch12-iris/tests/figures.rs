//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch12_iris::figures;

#[test]
fn losses() {
    listing_test::assert_figure("ch12-losses", &figures::losses().unwrap());
}

#[test]
fn regions() {
    listing_test::assert_figure("ch12-regions", &figures::regions().unwrap());
}
