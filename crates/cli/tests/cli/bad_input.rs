//! Bad input of every kind, one row per class: each run must exit with the documented code
//! (2 for bad input or flags, found before any work; 1 for a diverging run), say on stderr
//! what was wrong, never panic or abort, and leave every file that existed before it
//! byte-identical (and add none).

use crate::common::scratch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One bad run: the subcommand's arguments (run in a scratch folder holding the files of
/// [`populate`]), a file for standard input, the exit code and what stderr must name.
struct Case {
    class: &'static str,
    args: &'static [&'static str],
    stdin: Option<&'static str>,
    code: i32,
    names: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        class: "panic: --steps of u64::MAX",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--steps",
            "18446744073709551615",
        ],
        stdin: None,
        code: 2,
        names: &[
            "'18446744073709551615' for '--steps <N>'",
            "limit of 10000000",
        ],
    },
    Case {
        class: "panic: --samples of u64::MAX",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--samples",
            "18446744073709551615",
        ],
        stdin: None,
        code: 2,
        names: &["--samples", "limit of 1000000"],
    },
    Case {
        class: "abort: --steps 1e11",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--steps",
            "100000000000",
            "--save",
            "keep.json",
        ],
        stdin: None,
        code: 2,
        names: &["'100000000000' for '--steps <N>'"],
    },
    Case {
        class: "abort: batch norm's whole-batch graph",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--batch-norm",
            "--samples",
            "20000",
            "--hidden",
            "64,64",
            "--steps",
            "1",
            "--save",
            "keep.json",
        ],
        stdin: None,
        code: 2,
        names: &["--hidden", "batch normalisation", "60000000"],
    },
    Case {
        class: "abort: --load of a model too big to train",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--samples",
            "1000",
            "--load",
            "big.json",
        ],
        stdin: None,
        code: 2,
        names: &["--load", "120001 parameters", "smaller model"],
    },
    Case {
        class: "abort: drawing a net too big to draw",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--hidden",
            "2000,2000",
            "--samples",
            "2",
            "--steps",
            "1",
            "--dot",
            "keep.dot",
        ],
        stdin: None,
        code: 2,
        names: &["--dot", "4010001 parameters", "--collapse"],
    },
    Case {
        class: "endless input: --dataset /dev/zero",
        args: &["train", "--dataset", "/dev/zero", "--max-input-mb", "1"],
        stdin: None,
        code: 2,
        names: &["--dataset", "/dev/zero", "1048576 bytes", "--max-input-mb"],
    },
    Case {
        class: "endless input: --init /dev/zero",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--init",
            "/dev/zero",
            "--max-input-mb",
            "1",
        ],
        stdin: None,
        code: 2,
        names: &["--init", "1048576 bytes"],
    },
    Case {
        class: "endless input: --load /dev/zero",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--load",
            "/dev/zero",
            "--max-input-mb",
            "1",
        ],
        stdin: None,
        code: 2,
        names: &["--load", "1048576 bytes"],
    },
    Case {
        class: "endless input: expr - < /dev/zero",
        args: &["expr", "-"],
        stdin: Some("/dev/zero"),
        code: 2,
        names: &["standard input", "1048576 bytes"],
    },
    Case {
        class: "special file as an output: a fifo",
        args: &["expr", "x", "--at", "x=1", "--dot", "fifo"],
        stdin: None,
        code: 2,
        names: &["--dot", "fifo", "not a regular file"],
    },
    Case {
        class: "special file as an output: train --save to a fifo",
        args: &["train", "--dataset", "xor", "--save", "fifo"],
        stdin: None,
        code: 2,
        names: &["--save", "not a regular file"],
    },
    Case {
        class: "clobber: --dot written, then --svg fails",
        args: &[
            "expr",
            "x",
            "--at",
            "x=1",
            "--dot",
            "keep.dot",
            "--svg",
            "nodir/a.svg",
        ],
        stdin: None,
        code: 2,
        names: &["--svg", "nodir/a.svg", "does not exist"],
    },
    Case {
        class: "clobber: train --rankdir RL after saving",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--save",
            "keep.json",
            "--rankdir",
            "RL",
            "--dot",
            "keep.dot",
        ],
        stdin: None,
        code: 2,
        names: &["--rankdir", "RL"],
    },
    Case {
        class: "clobber: --frames over the frames limit",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--save",
            "keep.json",
            "--frames",
            "frames",
        ],
        stdin: None,
        code: 2,
        names: &["--frames", "408 steps", "--max-frames 408"],
    },
    Case {
        class: "clobber: --frames is a file",
        args: &[
            "expr", "x", "--at", "x=1", "--dot", "keep.dot", "--frames", "keep.svg",
        ],
        stdin: None,
        code: 2,
        names: &["--frames", "keep.svg", "not a folder"],
    },
    Case {
        class: "clobber: --dot in a missing folder after training",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--save",
            "keep.json",
            "--dot",
            "nodir/n.dot",
        ],
        stdin: None,
        code: 2,
        names: &["--dot", "nodir", "does not exist"],
    },
    Case {
        class: "clobber: a name too long",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--save",
            "keep.json",
            "--plot",
            LONG_NAME,
        ],
        stdin: None,
        code: 2,
        names: &["--plot", "cannot write"],
    },
    Case {
        class: "diverged: the model is not saved",
        args: &[
            "train",
            "--dataset",
            "square",
            "--optimizer",
            "sgd",
            "--lr",
            "1000",
            "--save",
            "keep.json",
            "--plot",
            "keep.svg",
        ],
        stdin: None,
        code: 1,
        names: &["diverged", "no file was written"],
    },
    Case {
        class: "exit code: --save ending in a separator",
        args: &["train", "--dataset", "xor", "--save", "out.json/"],
        stdin: None,
        code: 2,
        names: &["--save", "out.json/", "folder"],
    },
    Case {
        class: "exit code: --save is a folder",
        args: &["train", "--dataset", "xor", "--save", "frames"],
        stdin: None,
        code: 2,
        names: &["--save", "is a folder"],
    },
    Case {
        class: "exit code: expr --rankdir RL before printing",
        args: &[
            "expr",
            "x*y",
            "--at",
            "x=1",
            "--at",
            "y=2",
            "--rankdir",
            "RL",
        ],
        stdin: None,
        code: 2,
        names: &["'RL' for '--rankdir <DIR>'", "LR, TB"],
    },
    Case {
        class: "exit code: --plot with --steps 0",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--steps",
            "0",
            "--plot",
            "keep.svg",
        ],
        stdin: None,
        code: 2,
        names: &["--plot", "--steps 0"],
    },
    Case {
        class: "flag value: --activation leaky_relu:nan",
        args: &[
            "train",
            "--dataset",
            "xor",
            "--activation",
            "leaky_relu:nan",
        ],
        stdin: None,
        code: 2,
        names: &["--activation", "nan"],
    },
    Case {
        class: "flag value: --noise so large the samples are infinite",
        args: &[
            "train",
            "--dataset",
            "moons",
            "--noise",
            "1e308",
            "--save",
            "keep.json",
        ],
        stdin: None,
        code: 2,
        names: &["--noise", "1e308", "not finite"],
    },
    Case {
        class: "flag value: --max-frames 0",
        args: &[
            "expr",
            "x",
            "--at",
            "x=1",
            "--frames",
            "frames",
            "--max-frames",
            "0",
        ],
        stdin: None,
        code: 2,
        names: &["'0' for '--max-frames <N>'", "from 1 to 10000"],
    },
    Case {
        class: "flag value: --max-input-mb 0",
        args: &["train", "--dataset", "xor", "--max-input-mb", "0"],
        stdin: None,
        code: 2,
        names: &["'0' for '--max-input-mb <MB>'", "from 1 to 65536"],
    },
    Case {
        class: "unused flag: --output softmax for a binary task blames --output",
        args: &["train", "--dataset", "xor", "--output", "softmax"],
        stdin: None,
        code: 2,
        names: &["--output softmax"],
    },
    Case {
        class: "unused flag: --output sigmoid that cross-entropy would ignore",
        args: &[
            "train",
            "--dataset",
            "blobs",
            "--output",
            "sigmoid",
            "--save",
            "keep.json",
        ],
        stdin: None,
        code: 2,
        names: &["--output sigmoid", "cross_entropy", "ignored"],
    },
];

/// A file name too long for the file system (255 bytes is the usual limit).
const LONG_NAME: &str = "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp.svg";

/// The files every case starts with: earlier outputs that a failed run must not touch.
fn populate(dir: &Path, big_model: &[u8]) {
    std::fs::write(dir.join("keep.dot"), "digraph { old }\n").expect("test setup");
    std::fs::write(dir.join("keep.json"), "{\"old\": true}\n").expect("test setup");
    std::fs::write(dir.join("keep.svg"), "<svg>old</svg>\n").expect("test setup");
    std::fs::write(dir.join("big.json"), big_model).expect("test setup");
    std::fs::create_dir(dir.join("frames")).expect("test setup");
    for name in [
        "frame_000.dot",
        "frame_000.svg",
        "frame_001.dot",
        "frame_001.svg",
    ] {
        std::fs::write(dir.join("frames").join(name), format!("old {name}\n")).expect("test setup");
    }
    let fifo = Command::new("mkfifo").arg(dir.join("fifo")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
}

/// Every file under `dir` with its bytes (a fifo as a marker: reading it would block).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("test setup") {
            let path = entry.expect("test setup").path();
            let kind = std::fs::symlink_metadata(&path)
                .expect("test setup")
                .file_type();
            if kind.is_dir() {
                stack.push(path.clone());
                files.insert(path, None);
            } else if kind.is_file() {
                files.insert(
                    path.clone(),
                    Some(std::fs::read(&path).expect("test setup")),
                );
            } else {
                files.insert(path, Some(b"(special)".to_vec()));
            }
        }
    }
    files
}

#[test]
fn every_class_of_bad_input_is_refused_and_leaves_files_as_they_were() {
    // a valid model with a 30,000-unit layer: 120,001 parameters
    let big = gradgraph_nn::Mlp::new(&[2, 30_000, 1], gradgraph_nn::Activation::TANH, 0)
        .expect("test setup")
        .to_json()
        .expect("test setup");
    let root = scratch("bad-input");
    for (k, case) in CASES.iter().enumerate() {
        let dir = root.join(format!("case{k}"));
        std::fs::create_dir_all(&dir).expect("test setup");
        populate(&dir, big.as_bytes());
        let before = snapshot(&dir);
        let stdin = match case.stdin {
            Some(path) => Stdio::from(std::fs::File::open(path).expect("test setup")),
            None => Stdio::null(),
        };
        let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
            .args(case.args)
            .args(if case.args[0] == "train" {
                &["--quiet"][..]
            } else {
                &[]
            })
            .current_dir(&dir)
            .stdin(stdin)
            .output()
            .expect("test setup");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.code),
            "{}: {:?}: {stderr}",
            case.class,
            case.args
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.class);
        for name in case.names {
            assert!(
                stderr.contains(name),
                "{}: stderr does not name {name:?}: {stderr}",
                case.class
            );
        }
        let after = snapshot(&dir);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{}: files added or removed",
            case.class
        );
        for (path, bytes) in &before {
            assert!(
                after[path] == *bytes,
                "{}: {} changed",
                case.class,
                path.display()
            );
        }
    }
    std::fs::remove_dir_all(&root).expect("test setup");
}

/// A variable name longer than the formatter's width limit (65,535) is printed, with and
/// without --trace, not a panic.
#[test]
fn a_variable_name_longer_than_65535_characters() {
    let name = "x".repeat(65_536);
    for trace in [false, true] {
        let at = format!("{name}=1");
        let mut args = vec!["expr", name.as_str(), "--at", at.as_str()];
        if trace {
            args.push("--trace");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
            .args(&args)
            .output()
            .expect("test setup");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("test setup");
        assert!(text.contains(&format!("∂f/∂{name} = 1")), "trace {trace}");
    }
}

/// Frames that fail half way (here: the run drops its set of outputs after staging them)
/// leave the folder's earlier frames as they were; committed, the new frames replace them all
/// and a longer earlier sequence loses its extra frames.
#[test]
fn frames_are_replaced_as_a_whole() {
    use gradgraph_cli::files::OutputSet;
    use gradgraph_draw::{self as dot, DotOptions};
    let dir = scratch("frames-whole").join("frames");
    std::fs::create_dir_all(&dir).expect("test setup");
    for k in 0..9 {
        std::fs::write(dir.join(format!("frame_00{k}.dot")), "old").expect("test setup");
    }
    let before = snapshot(&dir);
    let g = gradgraph::Graph::new();
    let x = g.input(0.5).with_label("x");
    let y = x.tanh().with_label("y");
    let frames = dot::frame_files(&g, y, &DotOptions::new(), false).expect("test setup");
    {
        let mut set = OutputSet::new();
        set.stage_frames(&dir, &frames, false).expect("test setup");
        // a later output of the run fails: the set is dropped without a commit
    }
    assert_eq!(
        snapshot(&dir),
        before,
        "old frames untouched, no temporary file left"
    );
    let mut set = OutputSet::new();
    set.stage_frames(&dir, &frames, false).expect("test setup");
    set.commit().expect("test setup");
    let names: Vec<String> = snapshot(&dir)
        .keys()
        .map(|p| {
            p.file_name()
                .expect("test setup")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["frame_000.dot", "frame_001.dot"]);
    assert!(
        std::fs::read_to_string(dir.join("frame_000.dot"))
            .expect("test setup")
            .contains("digraph")
    );
    std::fs::remove_dir_all(dir.parent().expect("test setup")).expect("test setup");
}

/// The library refuses sizes it cannot allocate with an error, never a panic or an abort.
#[test]
fn the_library_refuses_what_it_cannot_allocate() {
    use gradgraph_cli::files::{read_bytes_limited, read_limited};
    use gradgraph_nn::data::Dataset;
    use gradgraph_nn::{Activation, Mlp, TrainConfig, train};
    let data = Dataset::xor();
    let mut mlp = Mlp::new(&[2, 2, 1], Activation::TANH, 0).expect("a net");
    let config = TrainConfig {
        steps: usize::MAX,
        ..TrainConfig::for_task(data.task)
    };
    let e = train(&mut mlp, &data, &config, |_| {}).expect_err("too many steps");
    assert!(matches!(e, gradgraph_nn::Error::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("limit of 10000000"), "{e}");
    let e = Dataset::builtin("moons", Some(usize::MAX), None, 0).expect_err("too many samples");
    assert!(matches!(e, gradgraph_nn::Error::TooLarge { .. }), "{e}");
    // an endless input file is refused by the command line's reader, whatever it holds
    let zero = std::path::Path::new("/dev/zero");
    for e in [
        read_limited(zero, 1000, "a CSV file").expect_err("endless"),
        read_limited(zero, 1000, "a model file").expect_err("endless"),
        read_bytes_limited(zero, 1000, "a model file").expect_err("endless"),
        read_limited(zero, 1000, "a file of numbers").expect_err("endless"),
    ] {
        assert!(matches!(e, gradgraph_cli::Error::TooLarge { .. }), "{e}");
        assert!(
            e.to_string().contains("/dev/zero: more than 1000 bytes"),
            "{e}"
        );
    }
    // a model with a non-finite parameter has no model file, so is never saved
    let mut nan = Mlp::new(&[1, 1], Activation::TANH, 0).expect("a net");
    nan.set_parameters(&[f64::NAN, 0.0])
        .expect("two parameters");
    for e in [
        nan.to_json().expect_err("NaN parameter"),
        nan.to_safetensors().expect_err("NaN parameter"),
    ] {
        assert!(
            matches!(
                e,
                gradgraph_nn::Error::Engine(gradgraph::Error::NonFinite { .. })
            ),
            "{e}"
        );
    }
}

/// The same kinds of bad input in Portuguese: each message starts with `erro:`, is in
/// Portuguese (no English word left but the names the user typed), names what was wrong,
/// and exits with the code English exits with.
#[test]
fn bad_input_is_explained_in_portuguese_with_the_same_exit_codes() {
    let dir = scratch("bad-input-pt");
    std::fs::write(dir.join("bin.csv"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(dir.join("short.csv"), "x1,x2,y\n1,2\n").unwrap();
    std::fs::write(dir.join("word.csv"), "x1,x2,y\n1,abc,0\n").unwrap();
    let cases: [(&[&str], i32, &[&str]); 23] = [
        (
            &["train", "--dataset", "short.csv"],
            2,
            &["short.csv: linha 2: esperava 3 campos (x1,x2,y), mas há 2"],
        ),
        (
            &["train", "--dataset", "word.csv"],
            2,
            &["linha 2, coluna 2 (x2): \"abc\" não é um número"],
        ),
        (
            &["train", "--dataset", "xor", "--hidden", "3,none"],
            2,
            &["\"none\" quer dizer nenhuma camada oculta"],
        ),
        (
            &["expr", "x", "--at", "x=1", "--grad-graph"],
            2,
            &["--grad-graph escolhe o que", "mas nenhuma delas foi dada"],
        ),
        (
            &["expr", "x*0,5", "--at", "x=1"],
            2,
            &[
                "`,` inesperada",
                "escreva-o com ponto decimal, 0.5",
                "(coluna 4)",
                "     ^",
            ],
        ),
        (
            &["expr", "pow(x, 0,5)", "--at", "x=1"],
            2,
            &["recebe 2 argumentos, mas recebeu 3", "ponto decimal"],
        ),
        (
            &["expr", "tahn(x)", "--at", "x=1"],
            2,
            &["função desconhecida `tahn`; você quis dizer `tanh`?"],
        ),
        (
            &["expr", "x ** 2", "--at", "x=1"],
            2,
            &["potências se escrevem com ^"],
        ),
        (
            &["expr", "2 x", "--at", "x=1"],
            2,
            &["para multiplicar, escreva `2*x`"],
        ),
        (&["expr", "(x + 1", "--at", "x=1"], 2, &["nunca é fechado"]),
        (&["expr", "", "--at", "x=1"], 2, &["a expressão está vazia"]),
        (
            &["expr", "x + y", "--at", "x=1"],
            2,
            &["falta o valor da variável `y`: acrescente --at y=VALOR"],
        ),
        (
            &["expr", "x", "--at", "z=1"],
            2,
            &["a expressão não tem a variável `z`"],
        ),
        (
            &["expr", "x", "--at", "x=abc"],
            2,
            &["valor inválido", "`abc` não é um número", "Para saber mais"],
        ),
        (
            &["expr", "log(x)", "--at", "x=-1"],
            1,
            &[
                "a propagação direta deu NaN no nó #1 (log)",
                "calcula log(-1) = NaN",
            ],
        ),
        (
            &["expr", "x", "--at", "x=1", "--dot", "missing/a.dot"],
            2,
            &["não foi possível gravar missing/a.dot (--dot): a pasta missing não existe"],
        ),
        (
            &["expr", "x", "--at", "x=1", "--svg", "a.png"],
            2,
            &["--svg grava SVG, mas o nome termina em .png", "use --png"],
        ),
        (
            &["train", "--dataset", "nope.csv"],
            2,
            &["nope.csv: arquivo ou pasta inexistente"],
        ),
        (
            &["train", "--dataset", "bin.csv"],
            2,
            &["não é texto UTF-8"],
        ),
        (
            &["train", "--dataset", "xor", "--loss", "mes"],
            2,
            &[
                "valor inválido 'mes' para '--loss <NOME>'",
                "dica: há um valor parecido: 'mse'",
            ],
        ),
        (
            &["train"],
            2,
            &["faltam argumentos obrigatórios", "Uso: gradgraph train"],
        ),
        (
            &["exprr"],
            2,
            &[
                "comando desconhecido 'exprr'",
                "dica: há um comando parecido: 'expr'",
            ],
        ),
        (
            &["expr", "x", "--at", "x=1", "--bogus"],
            2,
            &["argumento inesperado '--bogus'"],
        ),
    ];
    for (args, code, says) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
            .env("GRADGRAPH_LANG", "pt-BR")
            .current_dir(&dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("the gradgraph binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.starts_with("erro: "), "{args:?}: {stderr}");
        for said in says {
            assert!(stderr.contains(said), "{args:?}: {said:?} not in\n{stderr}");
        }
        let left: Vec<String> = gradgraph_i18n::english_left(&stderr)
            .into_iter()
            .filter(|w| !args.iter().any(|a| a.contains(w.as_str())))
            .collect();
        assert!(left.is_empty(), "{args:?}: {left:?} in\n{stderr}");
    }
}
