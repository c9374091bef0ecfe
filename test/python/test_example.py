"""examples/python/classifier.py traces into a graph that classifies like
numpy (its encrypted run takes half a minute: run the example for that)."""
import importlib.util
import os

import numpy as np

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                       "examples", "python", "classifier.py")


def test_classifier_example_traces():
    spec = importlib.util.spec_from_file_location("classifier", EXAMPLE)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    classify, inputset, (train_x, train_y), (test_x, test_y) = example.build()
    assert np.mean(classify(train_x) == train_y) > 0.8
    graph = classify.trace(inputset)
    values = graph.evaluate({"x": test_x})
    (output,) = graph.output_names
    assert np.array_equal(values[output], classify(test_x))
    assert np.mean(values[output] == test_y) > 0.7
