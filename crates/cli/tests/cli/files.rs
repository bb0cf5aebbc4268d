//! The command line's file layer (`gradgraph_cli::files`): the libraries return text and
//! bytes, and it writes them whole or not at all, never replaces a folder or a special
//! file, and reads input files within a size limit, naming the file in every error.

use crate::common::scratch;

use gradgraph_cli::Error;
use gradgraph_cli::files::{
    OutputSet, check_output, read_bytes_limited, read_limited, write_atomic,
};
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{Activation, Init, Mlp, Output};
use std::path::Path;

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("test setup")
        .map(|e| {
            e.expect("test setup")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_model_file_round_trips_and_leaves_nothing_else() {
    let dir = scratch("files-model");
    let path = dir.join("model.json");
    let net = Mlp::builder(&[2, 3, 2, 3])
        .activation(Activation::leaky_relu(0.1))
        .output(Output::Softmax)
        .init(Init::HeUniform)
        .seed(4)
        .batch_norm(true)
        .build()
        .unwrap();
    write_atomic(&path, net.to_json().unwrap().as_bytes()).unwrap();
    let text = read_limited(&path, 1 << 20, "a model file").unwrap();
    assert_eq!(Mlp::from_json(&text, "model.json").unwrap(), net); // bit for bit
    // no temporary file left behind
    assert_eq!(names(&dir), ["model.json"]);
    // safetensors too, read as bytes
    let st = dir.join("model.safetensors");
    write_atomic(&st, &net.to_safetensors().unwrap()).unwrap();
    let bytes = read_bytes_limited(&st, 1 << 20, "a model file").unwrap();
    assert_eq!(
        Mlp::from_safetensors(&bytes, "model.safetensors").unwrap(),
        net
    );
    assert_eq!(names(&dir), ["model.json", "model.safetensors"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_input_is_an_io_error_naming_it() {
    for missing in ["no/such.csv", "no/such/model.json"] {
        let err = read_limited(missing.as_ref(), 1000, "a CSV file").unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if path == Path::new(missing)),
            "{err}"
        );
        assert!(err.to_string().contains(missing), "{err}");
    }
    // a folder is not an input file
    let dir = scratch("files-folder-input");
    let err = read_bytes_limited(&dir, 1000, "a model file").unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn inputs_above_the_limit_are_refused_naming_the_file_and_the_limit() {
    let dir = scratch("files-limit");
    let path = dir.join("data.csv");
    let text = Dataset::xor().to_csv();
    std::fs::write(&path, &text).unwrap();
    let size = text.len() as u64;
    // at the limit it reads; one byte over, it is refused
    let read = read_limited(&path, size, "a CSV file").unwrap();
    assert_eq!(Dataset::parse_csv(&read, "data.csv").unwrap().len(), 4);
    let err = read_limited(&path, size - 1, "a CSV file").unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    let want = format!(
        "{}: more than {} bytes, the limit for a CSV file",
        path.display(),
        size - 1
    );
    assert!(err.to_string().contains(&want), "{err}");
    // text that is not UTF-8 names the file and the offset
    std::fs::write(&path, b"x,y\n1,\xff\n").unwrap();
    let err = read_limited(&path, 1000, "a CSV file").unwrap_err();
    assert!(matches!(err, Error::Format { .. }), "{err}");
    assert!(err.to_string().contains("not UTF-8 text"), "{err}");
    assert!(err.to_string().contains("data.csv"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn special_files_and_folders_are_refused_never_replaced() {
    // /dev/null is a device: refused before anything is written, and left as it was
    for err in [
        write_atomic("/dev/null".as_ref(), b"x").unwrap_err(),
        check_output("/dev/null".as_ref()).unwrap_err(),
    ] {
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(err.to_string().contains("/dev/null"), "{err}");
    }
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    // a folder as the target
    let dir = scratch("files-special");
    std::fs::create_dir(dir.join("taken.svg")).unwrap();
    let err = write_atomic(&dir.join("taken.svg"), b"<svg/>").unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");
    assert!(dir.join("taken.svg").is_dir());
    // a name ending in a separator names a folder
    let err = check_output(&dir.join("out.json/")).unwrap_err();
    assert!(err.to_string().contains("separator"), "{err}");
    assert_eq!(names(&dir), ["taken.svg"], "temporary file left");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_set_leaves_every_file_as_it_was() {
    let dir = scratch("files-set");
    std::fs::write(dir.join("a.dot"), "old a").unwrap();
    {
        let mut set = OutputSet::new();
        set.stage(&dir.join("a.dot"), b"new a").unwrap();
        set.create_dir(&dir.join("frames/inner")).unwrap();
        set.stage(&dir.join("frames/inner/b.dot"), b"new b")
            .unwrap();
        // the third output cannot be written: the run fails and drops the set
        assert!(set.stage(&dir.join("no/such/c.dot"), b"c").is_err());
    }
    assert_eq!(std::fs::read_to_string(dir.join("a.dot")).unwrap(), "old a");
    assert_eq!(names(&dir), ["a.dot"], "a temporary file or folder left");
    // committed, every output is in place, in the order staged
    let mut set = OutputSet::new();
    set.stage(&dir.join("a.dot"), b"new a").unwrap();
    set.stage(&dir.join("b.dot"), b"new b").unwrap();
    let targets: Vec<&Path> = set.targets().collect();
    assert_eq!(targets, [dir.join("a.dot"), dir.join("b.dot")]);
    let written = set.commit().unwrap();
    assert_eq!(written, [dir.join("a.dot"), dir.join("b.dot")]);
    assert_eq!(std::fs::read_to_string(dir.join("a.dot")).unwrap(), "new a");
    assert_eq!(names(&dir), ["a.dot", "b.dot"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An output gets the permissions of any new file (what the umask leaves), not the
/// owner-only ones of a private temporary file.
#[cfg(unix)]
#[test]
fn outputs_have_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("files-mode");
    std::fs::write(dir.join("plain.txt"), "x").unwrap();
    write_atomic(&dir.join("atomic.txt"), b"x").unwrap();
    let mode = |name: &str| {
        std::fs::metadata(dir.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("atomic.txt"), mode("plain.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}
