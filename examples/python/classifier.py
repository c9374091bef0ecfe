#!/usr/bin/python3
"""A tiny quantized classifier, trained with numpy on synthetic data and run
on encrypted inputs with Shade.

    SHADEC=BUILD/bin/shadec PYTHONPATH=BUILD/python /usr/bin/python3 examples/python/classifier.py

Three classes of points in 4 dimensions; the features are quantized to 2 bits
(0..3) and the weights of a softmax regression to integers in [-2, 2]. The
encrypted function computes the three class scores and picks the best one
with comparisons, all on encrypted values."""
import numpy as np

import shade

CLASSES, FEATURES, LEVELS, WEIGHT_LIMIT = 3, 4, 4, 2


def synthetic_data(centres, count, rng):
    """Points around one centre per class, quantized to 0..LEVELS-1."""
    labels = rng.integers(0, CLASSES, count)
    points = centres[labels] + rng.normal(0.0, 0.7, (count, FEATURES))
    quantized = np.clip(np.round((points + 3.0) * (LEVELS - 1) / 6.0), 0, LEVELS - 1)
    return quantized.astype(np.int64), labels


def train(features, labels, steps=500, rate=0.1):
    """Softmax regression by gradient descent, in floating point."""
    weights = np.zeros((FEATURES, CLASSES))
    bias = np.zeros(CLASSES)
    onehot = np.eye(CLASSES)[labels]
    for _ in range(steps):
        logits = features @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = (probabilities - onehot) / len(labels)
        weights -= rate * features.T @ error
        bias -= rate * error.sum(axis=0)
    return weights, bias


def quantize(weights, bias):
    """Integer weights in [-WEIGHT_LIMIT, WEIGHT_LIMIT], the bias on the same
    scale."""
    scale = WEIGHT_LIMIT / np.abs(weights).max()
    return (np.round(weights * scale).astype(np.int64),
            np.round(bias * scale).astype(np.int64))


def build(test_count=8):
    """The classifier (a shade.compiler function on batches of test_count
    points), its inputset, the training set and the test set."""
    rng = np.random.default_rng(2024)
    centres = rng.uniform(-2.0, 2.0, (CLASSES, FEATURES))
    train_x, train_y = synthetic_data(centres, 300, rng)
    test_x, test_y = synthetic_data(centres, test_count, rng)
    weights, bias = quantize(*train(train_x.astype(float), train_y))

    @shade.compiler({"x": "encrypted"})
    def classify(x):
        scores = x @ weights + bias
        s0, s1, s2 = scores[:, 0], scores[:, 1], scores[:, 2]
        is_one = (s1 > s0) * (s1 >= s2)
        is_two = (s2 > s0) * (s2 > s1)
        return is_one + 2 * is_two

    inputset = [train_x[i:i + test_count] for i in range(0, 240, test_count)]
    return classify, inputset, (train_x, train_y), (test_x, test_y)


def main():
    classify, inputset, (train_x, train_y), (test_x, test_y) = build()
    clear_accuracy = np.mean(classify(train_x) == train_y)
    print(f"quantized model, accuracy on the training set: {clear_accuracy:.2f}")

    circuit = classify.compile(inputset)
    statistics = circuit.statistics
    print(f"compiled: {statistics['bootstraps']} bootstraps per run, "
          f"polynomial size {statistics['parameters'][0]['polynomial_size']}, "
          f"p_error {statistics['p_error']:.1e}")

    clear = classify(test_x)
    decrypted = circuit.encrypt_run_decrypt(test_x)
    print(f"labels:                {test_y.tolist()}")
    print(f"clear predictions:     {clear.tolist()}")
    print(f"decrypted predictions: {decrypted.tolist()}")
    print("identical" if np.array_equal(clear, decrypted) else "DIFFERENT")
    return 0 if np.array_equal(clear, decrypted) else 1


if __name__ == "__main__":
    raise SystemExit(main())
