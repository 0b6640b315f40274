//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch11_churn::figures;

#[test]
fn loss() {
    listing_test::assert_figure("ch11-loss", &figures::loss().unwrap());
}

#[test]
fn roc() {
    listing_test::assert_figure("ch11-roc", &figures::roc().unwrap());
}

#[test]
fn squared_error() {
    listing_test::assert_figure("ch11-squared-error", &figures::squared_error().unwrap());
}

#[test]
fn reliability() {
    listing_test::assert_figure("ch11-reliability", &figures::reliability_diagram().unwrap());
}

#[test]
fn valleys() {
    listing_test::assert_figure("ch11-valleys", &figures::valleys().unwrap());
}
