"""The data the course's notebooks use, shipped with the course and loaded without a download.

Three data sets, each with its source and licence in the ``README.md`` of its folder:

- ``load_digits()``: the UCI handwritten digits (1,797 images of 8 × 8 pixels, 10 classes,
  CC BY 4.0). Notebook 06 trains a softmax regression on them.
- ``load_calibration_logits()``: the logits of a small network trained on 200 of those
  digits, on a validation split and a test split it never saw. Notebook 05 calibrates them.
  ``python -m course_data.train_calibration_model`` retrains it and rewrites the file.
- ``load_text()``: *A Scandal in Bohemia* by Arthur Conan Doyle (1891, public domain).
  Notebook 05 samples text from a character model fitted on it.

The files sit inside this installed package, so a notebook loads them in the same way from
``notebooks/``, on Binder, or in nbgrader's ``autograded/<student>/<assignment>/`` folder.

Examples
--------
>>> from course_data import load_digits
>>> X, y = load_digits()
>>> X.shape, X.dtype, y.shape, y.dtype
((1797, 64), dtype('float64'), (1797,), dtype('int64'))
"""

from __future__ import annotations

import gzip
from importlib import resources
from typing import NamedTuple

import numpy as np

__all__ = ["CalibrationLogits", "load_calibration_logits", "load_digits", "load_text"]


def _path(*parts: str):
    return resources.files(__name__).joinpath(*parts)


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The UCI handwritten digits: 1,797 images of 8 × 8 pixels and their digit.

    Returns
    -------
    X : numpy.ndarray of float64, shape (1797, 64)
        Pixel intensities scaled to [0, 1] (the file's counts 0–16 divided by 16), row by row:
        ``X.reshape(-1, 8, 8)`` gives the images, ``X[i, 8 * r + c]`` is pixel (r, c).
    y : numpy.ndarray of int64, shape (1797,)
        The digit of each image, 0–9 (between 174 and 183 images per digit).

    Notes
    -----
    *Optical Recognition of Handwritten Digits*, E. Alpaydin and C. Kaynak, UCI Machine
    Learning Repository (1998), CC BY 4.0; source, attribution and checksums in
    ``course_data/digits/README.md``. A fresh copy is returned on every call.

    Examples
    --------
    >>> X, y = load_digits()
    >>> float(X.min()), float(X.max()), int(y[0]), sorted(set(y.tolist())) == list(range(10))
    (0.0, 1.0, 0, True)
    """
    with _path("digits", "digits.csv.gz").open("rb") as packed, gzip.open(packed, "rt") as text:
        data = np.loadtxt(text, delimiter=",", dtype=np.int64)
    return data[:, :64] / 16.0, data[:, 64].copy()


class CalibrationLogits(NamedTuple):
    """Held-out logits of the course's digits network, and the true digits.

    Attributes
    ----------
    validation_logits : numpy.ndarray of float64, shape (800, 10)
        Logits on the validation images (fit a temperature on these).
    validation_labels : numpy.ndarray of int64, shape (800,)
    test_logits : numpy.ndarray of float64, shape (797, 10)
        Logits on the test images (report accuracy and calibration on these).
    test_labels : numpy.ndarray of int64, shape (797,)
    """

    validation_logits: np.ndarray
    validation_labels: np.ndarray
    test_logits: np.ndarray
    test_labels: np.ndarray


def load_calibration_logits() -> CalibrationLogits:
    """Logits of a small overconfident network on digits it was not trained on.

    The network (64 pixels → 128 ReLU units → 10 logits) was trained on 200 of the
    digits (20 per class) until it fitted them perfectly; ``course_data/calibration/README.md``
    and ``course_data/train_calibration_model.py`` describe how. The other 1,597 images are
    split into a validation set (800) and a test set (797).

    Returns
    -------
    CalibrationLogits
        A named tuple ``(validation_logits, validation_labels, test_logits, test_labels)``;
        logits are float64 with one column per digit, labels int64 in 0–9.

    Examples
    --------
    >>> val_logits, val_labels, test_logits, test_labels = load_calibration_logits()
    >>> val_logits.shape, test_logits.shape, test_labels.dtype
    ((800, 10), (797, 10), dtype('int64'))
    """
    with _path("calibration", "digits_mlp_logits.npz").open("rb") as file, np.load(file) as npz:
        return CalibrationLogits(
            validation_logits=npz["validation_logits"],
            validation_labels=npz["validation_labels"],
            test_logits=npz["test_logits"],
            test_labels=npz["test_labels"],
        )


def load_text() -> str:
    """*A Scandal in Bohemia* by Arthur Conan Doyle (1891), a public-domain short story.

    Returns
    -------
    str
        The story as plain text, 46,490 characters, lines wrapped at about 65 characters
        (``"\\n"`` line ends); source and licence in ``course_data/text/README.md``.

    Examples
    --------
    >>> text = load_text()
    >>> text.splitlines()[0]
    'ADVENTURE I. A SCANDAL IN BOHEMIA'
    """
    return _path("text", "a_scandal_in_bohemia.txt").read_text(encoding="utf-8")
