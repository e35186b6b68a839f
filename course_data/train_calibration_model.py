"""Train the small network whose held-out logits notebook 05 calibrates, and save them.

Run ``python -m course_data.train_calibration_model`` to rebuild
``course_data/calibration/digits_mlp_logits.npz`` (about a second, NumPy only, deterministic:
every random draw comes from one seeded ``numpy.random.Generator``).

The model is a multilayer perceptron, 64 pixels → 128 ReLU units → 10 logits, trained by
full-batch gradient descent with momentum on the cross-entropy of only 200 of the 1,797 digits
(20 per class), for 3,000 steps and without weight decay or early stopping. It fits its
training images perfectly and keeps growing its logits after that, so on images it has not
seen it is more confident than it is accurate: the overconfidence that Guo et al. (2017),
"On Calibration of Modern Neural Networks", ICML, found in modern networks trained the same
way. The other 1,597 digits are split into a validation set (800 images: fit a temperature
there) and a test set (797 images: report accuracy and calibration there).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from course_data import load_digits

OUTPUT = Path(__file__).resolve().parent / "calibration" / "digits_mlp_logits.npz"
SEED = 2017
TRAIN_PER_CLASS = 20
N_VALIDATION = 800
HIDDEN = 128
STEPS = 3000
LEARNING_RATE = 0.05
MOMENTUM = 0.9


def split(labels: np.ndarray, rng: np.random.Generator):
    """Indices of the training (20 per class), validation and test images, each sorted."""
    train = np.concatenate(
        [rng.choice(np.flatnonzero(labels == k), TRAIN_PER_CLASS, replace=False) for k in range(10)]
    )
    rest = rng.permutation(np.setdiff1d(np.arange(labels.size), train))
    return np.sort(train), np.sort(rest[:N_VALIDATION]), np.sort(rest[N_VALIDATION:])


def log_softmax_rows(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def train(X: np.ndarray, y: np.ndarray, rng: np.random.Generator):
    """Weights of the perceptron after ``STEPS`` steps on (X, y); He initialisation."""
    d, k = X.shape[1], 10
    params = [
        rng.normal(0.0, np.sqrt(2.0 / d), (d, HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0.0, np.sqrt(2.0 / HIDDEN), (HIDDEN, k)),
        np.zeros(k),
    ]
    velocity = [np.zeros_like(p) for p in params]
    onehot = np.eye(k)[y]
    for _ in range(STEPS):
        W1, b1, W2, b2 = params
        hidden = np.maximum(X @ W1 + b1, 0.0)
        # Gradient of the mean cross-entropy with respect to the logits: (p - onehot) / N.
        delta = (np.exp(log_softmax_rows(hidden @ W2 + b2)) - onehot) / len(y)
        back = (delta @ W2.T) * (hidden > 0)
        grads = [X.T @ back, back.sum(axis=0), hidden.T @ delta, delta.sum(axis=0)]
        for p, v, g in zip(params, velocity, grads, strict=True):
            v *= MOMENTUM
            v += g
            p -= LEARNING_RATE * v
    return params


def logits_of(params, X: np.ndarray) -> np.ndarray:
    W1, b1, W2, b2 = params
    return np.maximum(X @ W1 + b1, 0.0) @ W2 + b2


def build() -> dict[str, np.ndarray]:
    """Train the model and return the arrays stored in the ``.npz`` file."""
    rng = np.random.default_rng(SEED)
    X, y = load_digits()
    train_index, validation_index, test_index = split(y, rng)
    # Standardise each pixel with the training images' statistics only (+0.1 keeps the
    # always-blank border pixels from dividing by zero).
    mean, scale = X[train_index].mean(axis=0), X[train_index].std(axis=0) + 0.1
    Z = (X - mean) / scale
    params = train(Z[train_index], y[train_index], rng)
    return {
        "validation_logits": logits_of(params, Z[validation_index]),
        "validation_labels": y[validation_index],
        "validation_index": validation_index,
        "test_logits": logits_of(params, Z[test_index]),
        "test_labels": y[test_index],
        "test_index": test_index,
        "train_index": train_index,
        "train_logits": logits_of(params, Z[train_index]),
    }


def main() -> None:
    arrays = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUTPUT, **arrays)
    for part in ("train", "validation", "test"):
        logits, labels = arrays[f"{part}_logits"], load_digits()[1][arrays[f"{part}_index"]]
        accuracy = np.mean(logits.argmax(axis=1) == labels)
        confidence = np.exp(log_softmax_rows(logits)).max(axis=1).mean()
        print(
            f"{part:>10}: {labels.size:4d} images, accuracy {accuracy:.4f}, mean confidence {confidence:.4f}"
        )
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
