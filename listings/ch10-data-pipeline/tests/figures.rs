//! The chapter's figure is drawn again and compared with the committed SVG.

use ch10_data_pipeline::figures;

#[test]
fn batches() {
    listing_test::assert_figure("ch10-batches", &figures::batches().unwrap());
}
