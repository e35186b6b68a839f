"""The course's data package: its files are the documented ones, its loaders give the
documented arrays, it loads from any folder a notebook runs in, and the calibration model can
be rebuilt from its script."""

import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from course_data import load_calibration_logits, load_digits, load_text, train_calibration_model

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "course_data"

SHA256 = {
    "digits/digits.csv.gz": "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
    "text/a_scandal_in_bohemia.txt": "2dc1ab4ecea82841d5ec10b203707fe0352c0a3d7354b9fda9c3f20da3154bc1",
}
DIGITS_CSV_SHA256 = "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8"


@pytest.mark.parametrize("name", sorted(SHA256))
def test_file_is_the_documented_one(name):
    path = PACKAGE / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SHA256[name]
    assert SHA256[name] in (path.parent / "README.md").read_text(encoding="utf-8")


def test_digits_readme_states_source_licence_and_csv_checksum():
    raw = (PACKAGE / "digits" / "digits.csv.gz").read_bytes()
    assert hashlib.sha256(gzip.decompress(raw)).hexdigest() == DIGITS_CSV_SHA256
    readme = (PACKAGE / "digits" / "README.md").read_text(encoding="utf-8")
    assert DIGITS_CSV_SHA256 in readme and "CC BY 4.0" in readme and "Alpaydin" in readme


def test_digits_shape_pixels_and_labels():
    X, y = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    counts = X * 16
    assert np.array_equal(counts, np.round(counts)) and X.min() == 0 and X.max() == 1
    np.testing.assert_array_equal(
        np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    )


def test_loaders_return_fresh_arrays():
    X, y = load_digits()
    X[:] = -1
    y[:] = -1
    split = load_calibration_logits()
    split.test_logits[:] = np.nan
    assert load_digits()[0].min() == 0 and load_digits()[1].min() == 0
    assert np.isfinite(load_calibration_logits().test_logits).all()


def test_text_is_the_story_and_public_domain():
    text = load_text()
    assert len(text) == 46490 and "\r" not in text
    assert text.startswith("ADVENTURE I. A SCANDAL IN BOHEMIA\n")
    assert text.rstrip().endswith("the woman.")
    readme = (PACKAGE / "text" / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme and "46,490 characters" in readme


def test_calibration_splits_are_the_documented_ones():
    npz = np.load(PACKAGE / "calibration" / "digits_mlp_logits.npz")
    X, y = load_digits()
    parts = {part: npz[f"{part}_index"] for part in ("train", "validation", "test")}
    assert [parts[p].size for p in ("train", "validation", "test")] == [200, 800, 797]
    everything = np.concatenate(list(parts.values()))
    assert np.array_equal(np.sort(everything), np.arange(y.size))  # disjoint, all images
    np.testing.assert_array_equal(np.bincount(y[parts["train"]]), [20] * 10)
    split = load_calibration_logits()
    np.testing.assert_array_equal(split.validation_labels, y[parts["validation"]])
    np.testing.assert_array_equal(split.test_labels, y[parts["test"]])
    assert split.validation_logits.shape == (800, 10) and split.test_logits.shape == (797, 10)
    assert split.test_logits.dtype == np.float64 and split.test_labels.dtype == np.int64


def test_calibration_model_is_overconfident_as_documented():
    npz = np.load(PACKAGE / "calibration" / "digits_mlp_logits.npz")
    _, y = load_digits()
    readme = (PACKAGE / "calibration" / "README.md").read_text(encoding="utf-8")
    for part in ("train", "validation", "test"):
        logits, labels = npz[f"{part}_logits"], y[npz[f"{part}_index"]]
        z = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        accuracy = np.mean(p.argmax(axis=1) == labels)
        confidence = p.max(axis=1).mean()
        row = f"| {part} | {labels.size} | {accuracy:.4f} | {confidence:.4f} |"
        assert row in readme, row
        if part != "train":
            assert confidence > accuracy + 0.015  # overconfident on images it never saw


def test_training_script_rebuilds_the_shipped_logits():
    rebuilt = train_calibration_model.build()
    shipped = np.load(PACKAGE / "calibration" / "digits_mlp_logits.npz")
    assert sorted(rebuilt) == sorted(shipped.files)
    for name, array in rebuilt.items():
        if name.endswith("_logits"):
            # Matrix products may round differently on another BLAS: equal to ~1e-9.
            np.testing.assert_allclose(array, shipped[name], rtol=1e-7, atol=1e-7)
            assert np.array_equal(array.argmax(axis=1), shipped[name].argmax(axis=1))
        else:
            np.testing.assert_array_equal(array, shipped[name])


LOAD_ALL = """
from course_data import load_calibration_logits, load_digits, load_text
X, y = load_digits()
split = load_calibration_logits()
print(X.shape, split.test_logits.shape, len(load_text()))
"""


@pytest.mark.parametrize(
    "folder",
    ["notebooks", "autograded/student_1/05_temperature", "binder"],
)
def test_loads_from_the_folders_notebooks_run_in(tmp_path, folder):
    # notebooks/ (self-study), nbgrader's autograded/<student>/<assignment>/ folder of a course
    # elsewhere on disk, and Binder's start folder: the data comes from the installed package,
    # never from a path relative to the working folder.
    cwd = (ROOT / folder) if folder != "autograded/student_1/05_temperature" else tmp_path / folder
    cwd.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_ALL],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(1797, 64) (797, 10) 46490"
