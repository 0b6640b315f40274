//! Each figure of the chapter is drawn again and compared with the committed SVG.

use ch08_layers::figures;

#[test]
fn relu_and_slope() {
    listing_test::assert_figure("ch08-relu", &figures::relu_and_slope().unwrap());
}
