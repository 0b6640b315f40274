//! The chapter's figure is drawn again and compared with the committed SVG.

use ch09_data_pipeline::figures;

#[test]
fn batches() {
    listing_test::assert_figure("ch09-batches", &figures::batches().unwrap());
}
