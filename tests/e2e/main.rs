//! End-to-end tests: the built desktop app, driven as a mediator would.

mod harness;

use harness::{within, App};

#[tokio::test(flavor = "current_thread")]
async fn the_app_starts_and_the_engine_answers() {
    within(120, async {
        let app = App::start("smoke").await;
        app.find("#check").await.click().await.unwrap();
        let result = app.text_of("#result:not(:empty)").await;
        app.screenshot("smoke").await;
        assert!(result.contains("2026-04-01"), "{result}");
        app.close().await;
    })
    .await;
}
