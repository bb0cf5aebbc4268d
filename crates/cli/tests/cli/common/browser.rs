//! What the browser tests share: where their scripts are, which Chromium, whether they can
//! run here, and running one script on a manifest.

use super::{skipped, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/browser`: the scripts, and the npm packages they need.
pub fn dir() -> PathBuf {
    Path::new(crate::ROOT).join("tests/browser")
}

/// Debian's Chromium, or the one in `GRADGRAPH_CHROMIUM`.
pub fn chromium() -> String {
    std::env::var("GRADGRAPH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Why `node` cannot run here, if it cannot.
pub fn node_missing() -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    (!node.is_ok_and(|o| o.status.success())).then(|| "node is not installed".to_owned())
}

/// Why a browser test cannot run here (node, playwright-core, Chromium), if it cannot.
pub fn missing() -> Option<String> {
    node_missing()
        .or_else(|| {
            (!dir().join("node_modules/playwright-core").is_dir())
                .then(|| "playwright-core is not installed (run `npm ci` in tests/browser)".into())
        })
        .or_else(|| {
            (!Path::new(&chromium()).exists())
                .then(|| format!("Chromium is not installed at {}", chromium()))
        })
}

/// True when the test can run; otherwise says it is skipped, or fails where the browser
/// tests are required (`GRADGRAPH_REQUIRE_BROWSER`, as `.ci/run` sets it).
pub fn can_run(what: &str, why: Option<String>) -> bool {
    let Some(why) = why else {
        return true;
    };
    assert!(
        std::env::var_os("GRADGRAPH_REQUIRE_BROWSER").is_none(),
        "{what} must run here (GRADGRAPH_REQUIRE_BROWSER is set), but {why}"
    );
    skipped(&format!("{what}: {why}"));
    false
}

/// Writes `manifest` into `folder` and runs `script` of `tests/browser` on it; prints what it
/// measured (`cargo test -- --nocapture` shows it) and fails with its messages if it failed.
pub fn run(script: &str, folder: &Path, manifest: &serde_json::Value) {
    let path = folder.join("manifest.json");
    std::fs::write(&path, manifest.to_string()).expect("manifest written");
    let out = Command::new("node")
        .arg(dir().join(script))
        .arg(&path)
        .current_dir(dir())
        .output()
        .expect("node runs");
    println!("{}", stdout(&out));
    assert!(
        out.status.success(),
        "the browser checks of {script} failed:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
}
