//! Writing files whole or not at all, for every file gradgraph writes (pictures, plots,
//! saved models, data sets).

use crate::error::Error;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to `path` whole or not at all: into a hidden temporary file in the same
/// directory, flushed to disk, then renamed over `path` (a rename within one directory is
/// atomic). On failure the temporary file is removed and `path` is left as it was.
///
/// Returns [`Error::Io`] naming `path` if the directory is missing or not writable, or
/// `path` is a directory.
///
/// # Examples
/// ```
/// let dir = std::env::temp_dir().join(format!("gradgraph-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// gradgraph::write_atomic(&dir.join("a.txt"), b"whole").unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"whole");
/// assert!(gradgraph::write_atomic(&dir.join("no/such/dir.txt"), b"x").is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let Some(name) = path.file_name() else {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        ));
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}
