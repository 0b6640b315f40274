//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch07_layers::figures;

#[test]
fn relu_and_slope() {
    listing_test::assert_figure("ch07-relu", &figures::relu_and_slope().unwrap());
}
