"""The course's table of contents: each assignment, its module and its exercises.

One assignment per notebook. The same module name is used in ``solutions`` (the reference
answers), in ``autograder`` (the checks) and in the tests' mistake catalogue, so that an
exercise can be found in each place from its assignment alone.
"""

ASSIGNMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "01_logits": (
        "logits",
        ("linear_logits", "predict", "probability_ratio", "logits_from_probabilities"),
    ),
    "02_softmax": ("softmax", ("softmax", "sigmoid", "soft_argmax")),
    "03_shift_invariance": (
        "shift_invariance",
        ("stable_softmax", "baseline_softmax", "overflow_threshold"),
    ),
    "04_log_sum_exp": ("log_sum_exp", ("logsumexp", "log_softmax", "smooth_max")),
    "05_temperature": (
        "temperature",
        (
            "softmax_with_temperature",
            "entropy",
            "sample_with_temperature",
            "fit_temperature",
            "expected_calibration_error",
        ),
    ),
    "06_cross_entropy_gradient": (
        "cross_entropy_gradient",
        (
            "cross_entropy",
            "cross_entropy_grad",
            "softmax_jacobian",
            "numerical_gradient",
            "train_softmax_regression",
        ),
    ),
    "07_attention_and_masking": (
        "attention_and_masking",
        (
            "scaled_dot_product_attention",
            "causal_mask",
            "padding_mask",
            "masked_softmax",
            "online_softmax",
            "tiled_attention",
        ),
    ),
    "08_beyond_softmax": (
        "beyond_softmax",
        ("sparsemax", "entmax15", "gumbel_max_sample", "gumbel_softmax"),
    ),
}

#: Exercise name -> the module (in ``solutions`` and ``autograder``) that holds it.
MODULE_OF: dict[str, str] = {
    exercise: module for module, exercises in ASSIGNMENTS.values() for exercise in exercises
}
