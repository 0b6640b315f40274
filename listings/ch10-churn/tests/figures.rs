//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch10_churn::figures;

#[test]
fn loss() {
    listing_test::assert_figure("ch10-loss", &figures::loss().unwrap());
}

#[test]
fn roc() {
    listing_test::assert_figure("ch10-roc", &figures::roc().unwrap());
}
