//! Every built-in data set trains, with its recipe and nothing else, to a result a student
//! recognises as working: what `gradgraph train --dataset NAME` does with no other flag. So
//! do the course's nets with their sizes given and nothing else: xor's 2-2-1 net and the
//! circles' one hidden layer of 4 (`--hidden 2`, `--hidden 4`).

use gradgraph_nn::data::{BUILTIN, Dataset};
use gradgraph_nn::{Init, Loss, Metrics, Mlp, Output, Recipe, TrainConfig, evaluate, train};

/// Trains a built-in set from seed 0 with its recipe, the hidden layers `hidden` if given,
/// as `gradgraph train --dataset NAME [--hidden SIZES]` does; its training metrics.
fn trained(name: &str, hidden: Option<&[usize]>) -> Metrics {
    let data = Dataset::builtin(name, None, None, 0).expect("a built-in set");
    let recipe = Recipe::for_dataset(name);
    let loss = Loss::default_for(data.task);
    let mut sizes = vec![data.n_inputs()];
    sizes.extend(hidden.unwrap_or(&recipe.hidden));
    sizes.push(loss.outputs_for(data.task));
    let mut net = Mlp::builder(&sizes)
        .activation(recipe.activation)
        .output(Output::default_for(loss, data.task))
        .init(Init::default_for(&recipe.activation))
        .seed(0)
        .build()
        .expect("the net");
    let config = TrainConfig {
        lr: recipe.lr,
        steps: recipe.steps,
        ..TrainConfig::for_task(data.task)
    };
    train(&mut net, &data, &config, |_| {}).expect("training");
    evaluate(&net, &data, config.loss, config.l2).expect("its metrics")
}

#[test]
fn every_built_in_set_trains_to_a_recognisable_result_with_its_recipe() {
    for name in BUILTIN {
        let m = trained(name, None);
        match (m.accuracy, m.rmse) {
            (Some(acc), _) if *name == "xor" => assert_eq!(acc, 1.0, "{name}"),
            (Some(acc), _) => assert!(acc >= 0.95, "{name}: accuracy {acc}"),
            (_, Some(rmse)) => assert!(rmse <= 0.05, "{name}: RMSE {rmse}"),
            _ => panic!("{name}: no metric"),
        }
    }
}

#[test]
fn the_course_nets_learn_their_sets_with_the_recipes() {
    // xor's 2-2-1 net: every point
    let xor = trained("xor", Some(&[2]));
    assert_eq!(xor.accuracy, Some(1.0), "xor 2-2-1: {xor:?}");
    // the circles with one hidden layer of 4 (63% with relu at 0.01 for 100 steps)
    let circles = trained("circles", Some(&[4]));
    let acc = circles.accuracy.expect("an accuracy");
    assert!(acc >= 0.95, "circles 2-4-1: accuracy {acc}");
}
