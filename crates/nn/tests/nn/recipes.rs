//! Every built-in data set trains, with its recipe and nothing else, to a result a student
//! recognises as working: what `gradgraph train --dataset NAME` does with no other flag.

use gradgraph_nn::data::{BUILTIN, Dataset};
use gradgraph_nn::{Init, Loss, Mlp, Output, Recipe, TrainConfig, evaluate, train};

#[test]
fn every_built_in_set_trains_to_a_recognisable_result_with_its_recipe() {
    for name in BUILTIN {
        let data = Dataset::builtin(name, None, None, 0).unwrap();
        let recipe = Recipe::for_dataset(name);
        let loss = Loss::default_for(data.task);
        let mut sizes = vec![data.n_inputs()];
        sizes.extend(&recipe.hidden);
        sizes.push(loss.outputs_for(data.task));
        let mut net = Mlp::builder(&sizes)
            .activation(recipe.activation)
            .output(Output::default_for(loss, data.task))
            .init(Init::default_for(&recipe.activation))
            .seed(0)
            .build()
            .unwrap();
        let config = TrainConfig {
            steps: recipe.steps,
            ..TrainConfig::for_task(data.task)
        };
        train(&mut net, &data, &config, |_| {}).unwrap();
        let m = evaluate(&net, &data, config.loss, config.l2).unwrap();
        match (m.accuracy, m.rmse) {
            (Some(acc), _) => assert!(acc >= 0.95, "{name}: accuracy {acc}"),
            (_, Some(rmse)) => assert!(rmse <= 0.05, "{name}: RMSE {rmse}"),
            _ => panic!("{name}: no metric"),
        }
    }
}
