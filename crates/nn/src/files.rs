//! Writing files whole or not at all, for every file gradgraph writes (pictures, plots,
//! saved models, data sets), all the outputs of one run together ([`OutputSet`]), and
//! reading input files within a size limit ([`read_limited`]).

use gradgraph::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to `path` whole or not at all: into a hidden temporary file in the same
/// directory, flushed to disk, then renamed over `path` (a rename within one directory is
/// atomic). On failure the temporary file is removed and `path` is left as it was.
///
/// Returns [`Error::Io`] naming `path` if the directory is missing or not writable, `path`
/// is a directory, or `path` exists and is not a regular file (a device, a fifo, a socket
/// is refused, never replaced); see [`check_output`].
///
/// # Examples
/// ```
/// let dir = std::env::temp_dir().join(format!("gradgraph-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// gradgraph_nn::files::write_atomic(&dir.join("a.txt"), b"whole").unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"whole");
/// assert!(gradgraph_nn::files::write_atomic(&dir.join("no/such/dir.txt"), b"x").is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut set = OutputSet::new();
    set.stage(path, bytes)?;
    set.commit().map(|_| ())
}

/// Checks, before any work, that `path` can be written by [`write_atomic`] or an
/// [`OutputSet`]: it names a file (not `out/` or `..`), its folder exists and is a folder
/// where a file can be created, the target is not a folder, and an existing target is a
/// regular file (a device, fifo or socket is refused rather than replaced).
///
/// Returns [`Error::Io`] naming `path` and the reason.
///
/// # Examples
/// ```
/// let dir = std::env::temp_dir();
/// assert!(gradgraph_nn::files::check_output(&dir.join("fresh.json")).is_ok());
/// assert!(gradgraph_nn::files::check_output(&dir).is_err()); // a folder
/// assert!(gradgraph_nn::files::check_output("no/such/folder/a.svg".as_ref()).is_err());
/// ```
pub fn check_output(path: &Path) -> Result<(), Error> {
    let name = check_target(path)?;
    // a probe with the temporary file's own name: a read-only folder or a name too long
    // for the file system fails here, before any work
    probe_writable(&temp_name(folder_of(path), &name.to_string_lossy()), path)
}

/// [`check_output`] without the probe of the folder: what can be told of `path` without
/// writing. Returns its file name.
fn check_target(path: &Path) -> Result<&std::ffi::OsStr, Error> {
    let refuse = |kind: std::io::ErrorKind, why: &str| {
        Err(Error::io(path, std::io::Error::new(kind, why.to_owned())))
    };
    let text = path.as_os_str().to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return refuse(
            std::io::ErrorKind::InvalidInput,
            "ends with a separator, so it names a folder, not a file",
        );
    }
    let Some(name) = path.file_name() else {
        return refuse(std::io::ErrorKind::InvalidInput, "not a file name");
    };
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return refuse(std::io::ErrorKind::IsADirectory, "is a folder, not a file");
        }
        if !meta.is_file() {
            return refuse(
                std::io::ErrorKind::InvalidInput,
                "exists and is not a regular file (a device, fifo or socket): refusing to \
                 replace it",
            );
        }
    }
    let dir = folder_of(path);
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return refuse(
                std::io::ErrorKind::NotADirectory,
                &format!("{} is not a folder", dir.display()),
            );
        }
        Err(_) => {
            return refuse(
                std::io::ErrorKind::NotFound,
                &format!("the folder {} does not exist", dir.display()),
            );
        }
    }
    Ok(name)
}

/// Creates and removes the empty file `probe`: a folder that cannot take it (read-only, a
/// name too long for the file system) is reported as an error about `path`.
fn probe_writable(probe: &Path, path: &Path) -> Result<(), Error> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(probe)
    {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(probe);
            Ok(())
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Checks, before any work, that `dir` can receive files: it is a folder, or it does not
/// exist yet and its nearest existing ancestor is a writable folder.
pub fn check_output_dir(dir: &Path) -> Result<(), Error> {
    let mut existing = dir;
    loop {
        match std::fs::metadata(existing) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => {
                return Err(Error::io(
                    dir,
                    std::io::Error::new(
                        std::io::ErrorKind::NotADirectory,
                        format!("{} is a file, not a folder", existing.display()),
                    ),
                ));
            }
            Err(_) => match existing.parent() {
                Some(p) if !p.as_os_str().is_empty() => existing = p,
                _ => {
                    existing = Path::new(".");
                    break;
                }
            },
        }
    }
    probe_writable(&temp_name(existing, "probe"), dir)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A hidden temporary name in `dir` for a file to be called `name`, unique in this process.
fn temp_name(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// The files of one run, written whole or not at all, together: each [`stage`](Self::stage)d
/// file goes to a hidden temporary file beside its target, and [`commit`](Self::commit)
/// renames them all into place at the end. A set dropped without a commit (the run failed)
/// removes its temporary files and any folder it created, leaving every earlier file as it
/// was.
///
/// # Examples
/// ```
/// use gradgraph_nn::files::OutputSet;
/// let dir = std::env::temp_dir().join(format!("gradgraph-set-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "old").unwrap();
/// {
///     let mut set = OutputSet::new();
///     set.stage(&dir.join("a.txt"), b"new").unwrap();
///     // the run fails here: the set is dropped without a commit
/// }
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"old");
/// let mut set = OutputSet::new();
/// set.stage(&dir.join("a.txt"), b"new").unwrap();
/// set.stage(&dir.join("b.txt"), b"too").unwrap();
/// set.commit().unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"new");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Default)]
pub struct OutputSet {
    /// (temporary file, target), in the order staged.
    staged: Vec<(PathBuf, PathBuf)>,
    /// Files removed at the commit (stale frames of an earlier, longer run).
    removals: Vec<PathBuf>,
    /// Folders created for staged files, removed again if the set is dropped.
    created: Vec<PathBuf>,
}

impl OutputSet {
    /// An empty set.
    pub fn new() -> OutputSet {
        OutputSet::default()
    }

    /// Writes `bytes` to a temporary file beside `path`, to be renamed over `path` by
    /// [`commit`](Self::commit). Checks `path` first, as [`check_output`] does (the
    /// temporary file itself is the probe of the folder).
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let name = check_target(path)?;
        let temp = temp_name(folder_of(path), &name.to_string_lossy());
        let result = (|| {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()
        })();
        match result {
            Ok(()) => {
                self.staged.push((temp, path.to_owned()));
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                Err(Error::io(path, e))
            }
        }
    }

    /// Creates the folder `dir` (and missing parents) for files to be staged in it; a folder
    /// created here is removed again if the set is dropped without a commit and it is empty.
    pub fn create_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let mut missing = Vec::new();
        let mut d = dir;
        while !d.as_os_str().is_empty() && !d.exists() {
            missing.push(d.to_owned());
            match d.parent() {
                Some(p) => d = p,
                None => break,
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // innermost first, the order they must be removed in
        self.created.extend(missing);
        Ok(())
    }

    /// Removes `path` at the commit (after every staged file is in place).
    pub fn remove_on_commit(&mut self, path: &Path) {
        self.removals.push(path.to_owned());
    }

    /// The targets staged so far, in order.
    pub fn targets(&self) -> impl Iterator<Item = &Path> {
        self.staged.iter().map(|(_, target)| target.as_path())
    }

    /// Renames every staged file into place, then removes the files marked for removal.
    /// Returns the targets written, in the order staged.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
        let staged = std::mem::take(&mut self.staged);
        let mut written = Vec::with_capacity(staged.len());
        let mut rest = staged.into_iter();
        for (temp, target) in rest.by_ref() {
            if let Err(e) = std::fs::rename(&temp, &target) {
                let _ = std::fs::remove_file(&temp);
                for (temp, _) in rest {
                    let _ = std::fs::remove_file(&temp);
                }
                return Err(Error::io(&target, e));
            }
            written.push(target);
        }
        self.created.clear();
        for path in std::mem::take(&mut self.removals) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
        Ok(written)
    }
}

impl Drop for OutputSet {
    fn drop(&mut self) {
        for (temp, _) in &self.staged {
            let _ = std::fs::remove_file(temp);
        }
        for dir in &self.created {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Reads at most `limit` bytes of `path` as UTF-8 text. A larger file, or an endless one
/// such as `/dev/zero`, is refused with [`Error::TooLarge`] after `limit + 1` bytes, naming
/// `what`, the file and the limit; nothing larger is ever held in memory.
///
/// # Examples
/// ```
/// let err = gradgraph_nn::files::read_limited("/dev/zero".as_ref(), 1000, "a CSV file").unwrap_err();
/// assert!(err.to_string().contains("more than 1000 bytes"));
/// ```
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<String, Error> {
    let bytes = read_bytes_limited(path, limit, what)?;
    utf8(bytes, &path.display().to_string())
}

/// Reads at most `limit` bytes of `path`, as [`read_limited`] does, without asking for text
/// (a binary model file).
pub fn read_bytes_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
        ));
    }
    read_bytes(file, limit, what, &path.display().to_string())
}

/// Reads at most `limit` bytes of `reader` as UTF-8 text (see [`read_limited`]); `source`
/// names it in errors.
pub fn read_text(
    reader: impl std::io::Read,
    limit: u64,
    what: &str,
    source: &str,
) -> Result<String, Error> {
    utf8(read_bytes(reader, limit, what, source)?, source)
}

fn read_bytes(
    reader: impl std::io::Read,
    limit: u64,
    what: &str,
    source: &str,
) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(source, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::too_large(
            what,
            format!("{source}: more than {limit} bytes, the limit for {what}"),
        ));
    }
    Ok(bytes)
}

fn utf8(bytes: Vec<u8>, source: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        Error::format(
            source,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
