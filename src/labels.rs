//! The names a student gives: labels of values (`x`, `w1`), shown in pictures and traces,
//! and named groups of nodes (a neuron, a layer), drawn as clusters.

use crate::graph::{Graph, Group};

impl Graph {
    pub(crate) fn set_label(&self, index: u32, label: &str) {
        self.labels.borrow_mut().insert(index, label.to_owned());
    }

    pub(crate) fn label_of(&self, index: u32) -> Option<String> {
        self.labels.borrow().get(&index).cloned()
    }

    /// Runs `build`, and records every node it creates as one named group: a neuron or a
    /// layer, drawn as a cluster in pictures. Groups nest.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(1.0);
    /// let y = g.group("neuron", || (x * 0.5 + 0.1).tanh());
    /// let groups = g.groups();
    /// assert_eq!(groups[0].name, "neuron");
    /// assert!(groups[0].nodes.contains(&y.index()));
    /// ```
    pub fn group<R>(&self, name: &str, build: impl FnOnce() -> R) -> R {
        let start = self.len();
        let parent = self.open_groups.borrow().last().copied();
        let id = {
            let mut groups = self.groups.borrow_mut();
            groups.push(Group {
                name: name.to_owned(),
                nodes: start..start,
                parent,
            });
            groups.len() - 1
        };
        self.open_groups.borrow_mut().push(id);
        let result = build();
        self.open_groups.borrow_mut().pop();
        self.groups.borrow_mut()[id].nodes.end = self.len();
        result
    }

    /// The groups recorded by [`Graph::group`], parents before their children.
    pub fn groups(&self) -> Vec<Group> {
        self.groups.borrow().clone()
    }
}
