//! The file layer of the `gradgraph` command: the libraries return text and bytes, and this
//! writes them whole or not at all ([`write_atomic`]), all the outputs of one run together
//! ([`OutputSet`]), and reads input files within a size limit ([`read_limited`]).
//!
//! A file is written into a temporary file beside its target, made by the `tempfile` crate
//! (a hidden name no other file has), flushed to disk, then renamed over the target: a
//! rename within one folder is atomic, so a reader sees the old file or the new one, never
//! half of it. A target that is a folder or a special file (a device such as `/dev/null`, a
//! fifo, a socket) is refused, never replaced.

use crate::Error;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path` whole or not at all: into a hidden temporary file in the same
/// folder, flushed to disk, then renamed over `path`. On failure the temporary file is
/// removed and `path` is left as it was.
///
/// Returns [`Error::Io`] naming `path` if the folder is missing or not writable, `path` is
/// a folder, or `path` exists and is not a regular file (a device, a fifo, a socket is
/// refused, never replaced); see [`check_output`].
///
/// # Examples
/// ```
/// use gradgraph_cli::files::write_atomic;
/// let dir = std::env::temp_dir().join(format!("gradgraph-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// write_atomic(&dir.join("a.txt"), b"whole").unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"whole");
/// assert!(write_atomic(&dir.join("no/such/dir.txt"), b"x").is_err());
/// assert!(write_atomic("/dev/null".as_ref(), b"x").is_err()); // not a regular file
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
/// use gradgraph_cli::files::check_output;
/// let dir = std::env::temp_dir();
/// assert!(check_output(&dir.join("fresh.json")).is_ok());
/// assert!(check_output(&dir).is_err()); // a folder
/// assert!(check_output("no/such/folder/a.svg".as_ref()).is_err());
/// ```
pub fn check_output(path: &Path) -> Result<(), Error> {
    let name = check_target(path)?;
    // a probe named as the temporary file will be: a read-only folder or a name too long
    // for the file system fails here, before any work
    let probe = temp_file(folder_of(path), name).map_err(|e| Error::io(path, e))?;
    drop(probe);
    Ok(())
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

/// Checks, before any work, that `dir` can receive files: it is a folder, or it does not
/// exist yet and its nearest existing ancestor is a writable folder.
///
/// # Examples
/// ```
/// use gradgraph_cli::files::check_output_dir;
/// let dir = std::env::temp_dir();
/// assert!(check_output_dir(&dir.join("frames-to-be")).is_ok());
/// assert!(check_output_dir("/dev/null/frames".as_ref()).is_err()); // inside a file
/// ```
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
    let probe = temp_file(existing, "probe".as_ref()).map_err(|e| Error::io(dir, e))?;
    drop(probe);
    Ok(())
}

/// The folder a file of `path` goes into (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new, empty temporary file in `dir` for a file to be called `name`: hidden
/// (`.NAME.XXXXXX.tmp`), removed when dropped unless persisted.
///
/// Made with [`tempfile::Builder::make_in`] and a plain [`std::fs::OpenOptions`] rather
/// than [`NamedTempFile::new_in`]: the file gets the permissions of any new file (those
/// the user's umask leaves), not the owner-only ones of a private temporary file, since it
/// becomes the output; and an error is the system's own, about the file the user named,
/// not a message naming the temporary file.
fn temp_file(dir: &Path, name: &std::ffi::OsStr) -> std::io::Result<NamedTempFile> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(dir, |temp| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(temp)
        })
}

/// The files of one run, written whole or not at all, together: each [`stage`](Self::stage)d
/// file goes to a hidden temporary file beside its target, and [`commit`](Self::commit)
/// renames them all into place at the end. A set dropped without a commit (the run failed)
/// removes its temporary files and any folder it created, leaving every earlier file as it
/// was.
///
/// # Examples
/// ```
/// use gradgraph_cli::files::OutputSet;
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
    staged: Vec<(NamedTempFile, PathBuf)>,
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
        // a failure drops the temporary file, which removes it
        let temp = (|| {
            let mut temp = temp_file(folder_of(path), name)?;
            temp.as_file_mut().write_all(bytes)?;
            temp.as_file().sync_all()?;
            Ok(temp)
        })()
        .map_err(|e| Error::io(path, e))?;
        self.staged.push((temp, path.to_owned()));
        Ok(())
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

    /// Stages the frames of a backward pass (the files of [`gradgraph_draw::frame_files`]) in
    /// the folder `dir`, created if missing, as one sequence: frame files of an earlier,
    /// longer run left in `dir` are removed at the commit, so it never holds a mixture of
    /// old and new frames. Without `svg` (Graphviz missing) the SVG frames already in `dir`
    /// are not this run's to replace, and are left as they were: a run that cannot draw
    /// pictures never deletes them.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_cli::files::OutputSet;
    /// let dir = std::env::temp_dir().join(format!("gradgraph-seq-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// for old in ["frame_002.dot", "frame_002.svg", "notes.txt"] {
    ///     std::fs::write(dir.join(old), "old").unwrap();
    /// }
    /// let frames = vec![("frame_000.dot".to_owned(), b"digraph {}".to_vec())];
    /// let mut set = OutputSet::new();
    /// set.stage_frames(&dir, &frames, false).unwrap();
    /// set.commit().unwrap();
    /// assert!(dir.join("frame_000.dot").exists());
    /// assert!(!dir.join("frame_002.dot").exists()); // an earlier run's
    /// assert!(dir.join("frame_002.svg").exists() && dir.join("notes.txt").exists());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn stage_frames(
        &mut self,
        dir: &Path,
        frames: &[(String, Vec<u8>)],
        svg: bool,
    ) -> Result<(), Error> {
        self.create_dir(dir)?;
        for (name, bytes) in frames {
            self.stage(&dir.join(name), bytes)?;
        }
        let replaced = |name: &str| {
            gradgraph_draw::is_frame_file(name)
                && (svg || !name.ends_with(".svg"))
                && !frames.iter().any(|(n, _)| n == name)
        };
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            if entry.file_name().to_str().is_some_and(replaced) {
                self.remove_on_commit(&entry.path());
            }
        }
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
        // on a failure the temporary files not yet renamed are dropped, which removes them
        for (temp, target) in staged {
            temp.persist(&target)
                .map_err(|e| Error::io(&target, e.error))?;
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
        // the temporary files first (dropping one removes it), then the folders made for them
        self.staged.clear();
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
/// use gradgraph_cli::files::read_limited;
/// let err = read_limited("/dev/zero".as_ref(), 1000, "a CSV file").unwrap_err();
/// assert!(err.to_string().contains("/dev/zero: more than 1000 bytes, the limit for a CSV file"));
/// ```
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<String, Error> {
    let bytes = read_bytes_limited(path, limit, what)?;
    utf8(bytes, &path.display().to_string())
}

/// Reads at most `limit` bytes of `path`, as [`read_limited`] does, without asking for text
/// (a binary model file).
pub fn read_bytes_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
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
pub fn read_text(reader: impl Read, limit: u64, what: &str, source: &str) -> Result<String, Error> {
    utf8(read_bytes(reader, limit, what, source)?, source)
}

fn read_bytes(reader: impl Read, limit: u64, what: &str, source: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(source, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            what: what.to_owned(),
            detail: format!("{source}: more than {limit} bytes, the limit for {what}"),
        });
    }
    Ok(bytes)
}

fn utf8(bytes: Vec<u8>, source: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::Format {
        what: source.to_owned(),
        detail: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}
