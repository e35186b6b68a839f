"""The screen of answer cells flags no honest answer and catches every hostile one in a table.

Honest answers are every answer the course knows: the solution cells of the source notebooks,
every function of the mistake catalogue (wrong answers are honest mistakes; ``@right`` ones
are correct answers in other styles), and each catalogue module as a whole cell, helpers and
imports included. Each is screened with every name bound before its notebook's first answer
as protected (the strictest choice; a grader needs only the setup's). Hostile snippets cover
every route in :mod:`autograder.grading.screen`'s docstring, and the deny-list of module
names is measured by walking the modules an answer can reach.
"""

from __future__ import annotations

import ast
import importlib
import types
import warnings
from functools import cache

import pytest

from autograder.course import ASSIGNMENTS, MODULE_OF
from autograder.grading.screen import (
    ALLOWED_MODULES,
    COURSE_CHECKS,
    DENIED_NAMES,
    bound_names,
    screen_answer,
    screen_notebook,
)
from tests.mistakes import load_catalogue, load_right_answers
from tools.notebook_cells import BEGIN, END, ROOT, function_source, nbgrader_meta, read

MISTAKES = ROOT / "tests" / "mistakes"
NOTEBOOK_OF_MODULE = {module: assignment for assignment, (module, _) in ASSIGNMENTS.items()}


def notebook(assignment: str):
    return read(ROOT / "source" / assignment / f"{assignment}.ipynb")


def is_answer(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))


def is_test(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("grade"))


@cache
def protected_names(assignment: str, *, setup_only: bool = False) -> frozenset[str]:
    """Names bound by the code cells before the notebook's first answer (tests excluded).

    By default every such cell counts, exposition included (``z``, ``p``, ``X`` ...): the
    strictest choice, under which the honest answers are screened. A grader needs only the
    setup cells, those that import (``setup_only``): an answer that rebinds an exposition
    variable changes no test, and a learner trying a function on ``z = ...`` is honest.
    """
    names: set[str] = set()
    for cell in notebook(assignment).cells:
        if is_answer(cell):
            break
        if cell.cell_type != "code" or is_test(cell):
            continue
        imports = any(
            isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(cell.source).body
        )
        if imports or not setup_only:
            names |= bound_names(cell.source)
    return frozenset(names)


def every_notebook_protects() -> frozenset[str]:
    return frozenset().union(*(protected_names(a) for a in ASSIGNMENTS))


def strip_markers(source: str) -> str:
    """The answer as the student version has it: without the solution markers."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in (BEGIN, END))


def without_catalogue_plumbing(source: str) -> str:
    """A catalogue module as a learner's cell: its imports from ``tests`` blanked.

    ``from tests.mistakes import right, wrong`` registers answers with the catalogue, and
    ``from tests.mistakes.round4._common import asf`` shares helpers between modules, which a
    learner's cell would define itself (``_common`` is screened as a cell of its own). The
    lines are blanked, not removed, so that line numbers stay those of the file.
    """
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
            for i in range(node.lineno - 1, node.end_lineno):
                lines[i] = ""
    return "\n".join(lines)


def honest_answers() -> list[tuple[str, str, frozenset[str]]]:
    """``(id, source, protected names)`` of every honest answer of the course."""
    answers = []
    for assignment in ASSIGNMENTS:
        for i, cell in enumerate(notebook(assignment).cells):
            if is_answer(cell):
                answers.append(
                    (
                        f"{assignment}:cell{i}",
                        strip_markers(cell.source),
                        protected_names(assignment),
                    )
                )
    functions = [(e.exercise, e.function) for e in load_catalogue()] + load_right_answers()
    for exercise, function in functions:
        assignment = NOTEBOOK_OF_MODULE[MODULE_OF[exercise]]
        where = f"{function.__module__}.{function.__qualname__}"
        answers.append(
            (f"{exercise}:{where}", function_source(function), protected_names(assignment))
        )
    for path in sorted(MISTAKES.glob("*.py")) + sorted(MISTAKES.glob("round*/*.py")):
        if path.name == "__init__.py":
            continue
        assignment = NOTEBOOK_OF_MODULE.get(path.stem)
        protected = protected_names(assignment) if assignment else every_notebook_protects()
        source = without_catalogue_plumbing(path.read_text(encoding="utf-8"))
        answers.append((str(path.relative_to(ROOT)), source, protected))
    return answers


#: Honest answers the screen keeps from running, on purpose: a wrong answer of the catalogue
#: that looks a NumPy type up by a computed name (``getattr(np, dtype.__name__)``), the very
#: form that can call any NumPy function (``np.save`` through a ``namedtuple`` named
#: ``"sa" + "ve"``), and the catalogue module that holds it. It loses nothing it would earn.
FLAGGED_ON_PURPOSE = {
    "overflow_threshold:tests.mistakes.shift_invariance.overflow_threshold_types_only",
    "tests/mistakes/shift_invariance.py",
}
ALL_HONEST = honest_answers()
HONEST = [a for a in ALL_HONEST if a[0] not in FLAGGED_ON_PURPOSE]


def test_the_honest_answers_flagged_on_purpose_are_flagged_for_their_computed_lookup():
    flagged = [(n, s, p) for n, s, p in ALL_HONEST if n in FLAGGED_ON_PURPOSE]
    assert len(flagged) == len(FLAGGED_ON_PURPOSE)
    for name, source, protected in flagged:
        rules = {f.rule for f in screen_answer(source, protected_names=protected)}
        assert rules == {"dynamic-attribute"}, name


def test_the_corpus_is_the_whole_course():
    """Every solution cell, every catalogued function and every catalogue module is screened."""
    solution_cells = sum(1 for a in ASSIGNMENTS for c in notebook(a).cells if is_answer(c))
    functions = len(load_catalogue()) + len(load_right_answers())
    modules = [p for p in MISTAKES.glob("**/*.py") if p.name != "__init__.py"]
    assert len(ALL_HONEST) == solution_cells + functions + len(modules)
    assert solution_cells >= sum(len(exercises) for _, exercises in ASSIGNMENTS.values())
    assert any("round4/_common.py" in name for name, _, _ in ALL_HONEST)


def test_protected_names_hold_the_setup():
    """The protected names hold the setup's imports and the notebook's checks."""
    for assignment, (_, exercises) in ASSIGNMENTS.items():
        names = protected_names(assignment)
        assert {"np", "plt", "widgets"} <= names, assignment
        assert {f"check_{e}" for e in exercises} <= names, assignment
        assert not names & set(exercises), f"{assignment} binds an exercise before its answer"


@pytest.mark.parametrize("name, source, protected", HONEST, ids=[name for name, _, _ in HONEST])
def test_honest_answer_passes(name, source, protected):
    findings = screen_answer(source, protected_names=protected)
    assert findings == [], "\n".join(f"{name}:{f.line}: {f.rule}: {f.message}" for f in findings)


def test_each_notebook_screened_as_one_program_passes():
    """The answer cells of a notebook, screened together as the kernel runs them."""
    for assignment in ASSIGNMENTS:
        cells = [strip_markers(c.source) for c in notebook(assignment).cells if is_answer(c)]
        found = screen_notebook(cells, protected_names=protected_names(assignment))
        assert found == [[] for _ in cells], (assignment, found)


def test_solution_markers_are_only_comments():
    """Screening a solution cell with its ``### BEGIN/END SOLUTION`` lines changes nothing."""
    for assignment in ASSIGNMENTS:
        protected = protected_names(assignment)
        for cell in notebook(assignment).cells:
            if is_answer(cell):
                assert screen_answer(cell.source, protected_names=protected) == []


#: (hostile snippet, the rule it must be caught by). Names the setup binds in every notebook
#: (``np``, ``plt``, ``widgets``, ``io``, the checks) are protected; ``tracemalloc`` as in 07.
HOSTILE = [
    # Found by red-teaming the grader: a computed name for the one lookup once allowed, a
    # pickle loaded through a ** dict, and the reference a hidden test leaves behind.
    (
        'import collections\nW = collections.namedtuple("savetxt", "a")\n'
        "getattr(np, W.__name__)('/tmp/p', np.zeros((0, 1)))",
        "dynamic-attribute",
    ),
    ("def f(t):\n    return getattr(np, t.__name__)", "dynamic-attribute"),
    ("def f(load):\n    return load('/tmp/p', **{'allow_pickle': True})", "file-access"),
    (
        "def soft_argmax(z, axis=-1):\n    return reference_soft_argmax(z, axis)",
        "imports-reference",
    ),
    # Rebinding what the test cells call.
    ("check_softmax = lambda *a, **k: None", "rebinds-protected"),
    ("check_sigmoid = print  # a check this notebook's setup did not import", "rebinds-protected"),
    ("def check_softmax(fn, reference=None):\n    pass", "rebinds-protected"),
    ("class check_softmax:\n    pass", "rebinds-protected"),
    ("from math import prod as check_softmax", "rebinds-protected"),
    ("import math as np", "rebinds-protected"),
    ("del check_softmax", "rebinds-protected"),
    ("for check_softmax in [print]:\n    pass", "rebinds-protected"),
    ("with warnings.catch_warnings() as check_softmax:\n    pass", "rebinds-protected"),
    ("try:\n    1 / 0\nexcept ZeroDivisionError as check_softmax:\n    pass", "rebinds-protected"),
    ("(check_softmax := print)", "rebinds-protected"),
    ("[check_softmax := print for _ in range(1)]", "rebinds-protected"),
    ("def f():\n    global check_softmax\n    check_softmax = print\nf()", "rebinds-protected"),
    ("@np.vectorize\ndef check_softmax(fn):\n    return None", "rebinds-protected"),
    ("match print:\n    case check_softmax:\n        pass", "rebinds-protected"),
    ("from numpy import *", "star-import"),
    # Patching the checks or the library they compare with.
    (
        "import autograder.softmax as a\na.check_softmax.__code__ = (lambda *a, **k: None).__code__",
        "imports-grader",
    ),
    ("check_softmax.__code__ = print.__code__", "dunder"),
    ("np.allclose = lambda *a, **k: True", "stores-attribute"),
    ("np.testing.assert_allclose = print", "stores-attribute"),
    ("t = np.testing\nt.extbuild", "reaches-module"),
    ("from numpy.testing import extbuild", "imports-module"),
    ("np.testing.extbuild.build_and_import_extension", "reaches-module"),
    ("m = np\nm.allclose = lambda *a, **k: True", "stores-attribute"),
    ("def f(m=np):\n    m.allclose = lambda *a, **k: True\nf()", "stores-attribute"),
    ("del np.allclose", "stores-attribute"),
    ("np.e += 1", "stores-attribute"),
    (
        "class C:\n    def set(self, f):\n        self.allclose = f\nC.set(np, print)",
        "stores-attribute",
    ),
    ('setattr(np, "allclose", lambda *a, **k: True)', "forbidden-builtin"),
    ('patch = lambda: setattr(np, "allclose", print)', "forbidden-builtin"),
    (
        '@functools.partial(setattr, np, "allclose")\ndef fake(*a, **k):\n    return True',
        "forbidden-builtin",
    ),
    ('vars(np)["allclose"] = lambda *a, **k: True', "forbidden-builtin"),
    ('globals()["check_softmax"] = print', "forbidden-builtin"),
    ("globals().update(check_softmax=print)", "forbidden-builtin"),
    ("def f():\n    return locals()", "forbidden-builtin"),
    ('np.__dict__["allclose"] = print', "dunder"),
    ('getattr(np, "testing").assert_allclose = print', "stores-attribute"),
    ('getattr(np, "testing")', "reaches-module"),
    ('getattr(np, "al" + "lclose")', "dynamic-attribute"),
    (
        'import collections\nT = collections.namedtuple("__di" + "ct__", "a")\n'
        "def table(t):\n    return getattr(np, t.__name__)\n"
        'table(T)["allclose"] = lambda *a, **k: True',
        "dynamic-attribute",
    ),
    (
        "def table(t):\n    name = t.__name__\n    d = getattr(np, name)\n"
        '    d["allclose"] = print',
        "dynamic-attribute",
    ),
    (
        'import abc\nYes = abc.ABCMeta("Yes", (np.ndarray,), {"all": lambda *a: True})',
        "defines-type",
    ),
    ('Yes = type(int)("Yes", (np.ndarray,), {"all": lambda *a: True})', "defines-type"),
    ('getattr(np, "".join(reversed("esolclla")))', "dynamic-attribute"),
    ("g = getattr\ng(np, name)", "dynamic-attribute"),
    ('getattr(np, "_core")', "private-attribute"),
    ('getattr(check_softmax, "__globals__")["np"] = None', "dunder"),
    ('import operator\nglobals_of = operator.attrgetter("__glo" + "bals__")', "dynamic-attribute"),
    ('import operator\noperator.methodcaller("update", {})', "dynamic-attribute"),
    (
        'import functools\nfunctools.update_wrapper(np, fake, assigned=["allclose"], updated=[])',
        "stores-attribute",
    ),
    (
        'import functools\nfunctools.wraps(fake, assigned=["allclose"], updated=[])(np)',
        "stores-attribute",
    ),
    ('np.typecodes["AllFloat"] = ""', "mutates-module"),
    ("warnings.filters.clear()", "mutates-module"),
    ("import numbers\nnumbers.Real.register(str)", "mutates-module"),
    ("from collections.abc import Sequence\nSequence.register(np.ndarray)", "mutates-module"),
    # Reading the reference answers.
    ("from solutions.softmax import softmax", "imports-reference"),
    ("import solutions", "imports-reference"),
    ("from tests.mistakes.round3.softmax import softmax_ok_shift", "imports-reference"),
    ('softmax = __import__("solu" + "tions").softmax.softmax', "dunder"),
    ('import importlib\nref = importlib.import_module("solu" + "tions.softmax")', "imports-module"),
    ('import sys\nref = sys.modules["solutions.softmax"]', "reaches-module"),
    ('ref = warnings.sys.modules["solutions.softmax"]', "reaches-module"),
    ('import typing\nref = typing.sys.modules["solutions.softmax"]', "reaches-module"),
    ("import pickle", "imports-module"),
    ('ref = np.load("reference.npy", allow_pickle=True)', "file-access"),
    ('text = open("../../source/02_softmax/02_softmax.ipynb").read()', "forbidden-builtin"),
    ('text = io.open("../../source/02_softmax/02_softmax.ipynb").read()', "reaches-module"),
    ("from . import solutions", "imports-module"),
    ("from autograder import check_softmax as mine", "imports-grader"),
    ("import nbgrader", "imports-grader"),
    (
        "def softmax(z, axis=-1):\n    g = (x for x in [0])\n"
        '    return g.gi_frame.f_back.f_back.f_locals["reference"](z)',
        "reaches-frame",
    ),
    (
        "def softmax(z, axis=-1):\n    try:\n        raise ValueError\n    except ValueError as e:\n"
        '        return e.__traceback__.tb_frame.f_back.f_locals["reference"](z)',
        "dunder",
    ),
    (
        "class C:\n    def frame(self):\n        return self.gi_frame\n"
        "def softmax(z, axis=-1):\n    return C.frame(x for x in [0])",
        "reaches-frame",
    ),
    (
        "def softmax(z, axis=-1):\n    match (x for x in [0]):\n"
        "        case object(gi_frame=frame):\n            return frame",
        "reaches-frame",
    ),
    ("match np:\n    case object(_core=core):\n        pass", "private-attribute"),
    # Blanking later cells, swallowing their errors, IPython syntax.
    ("get_ipython().input_transformers_post.append(lambda lines: [])", "uses-ipython"),
    ("get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)", "uses-ipython"),
    ("%load_ext autoreload", "uses-ipython"),
    ("np.allclose?", "uses-ipython"),
    ("!rm -rf ~/course", "uses-ipython"),
    ("files = !ls ../../source", "uses-ipython"),
    ("%%writefile solutions.py\ndef softmax(z):\n    return z", "uses-ipython"),
    ('In[-1] = ""', "uses-ipython"),
    (
        "class Note:\n    def _repr_html_(self):\n        return '<script>fetch(\"/formgrader\")</script>'",
        "uses-ipython",
    ),
    ("widgets.get_ipython().input_transformers_post.append(lambda lines: [])", "uses-ipython"),
    # Objects that fake a comparison.
    ("class Yes:\n    def __eq__(self, other):\n        return True", "dunder"),
    ("class Yes:\n    def __array_ufunc__(self, *a, **k):\n        return True", "dunder"),
    ("class Yes(np.ndarray):\n    def all(self, *a, **k):\n        return True", "defines-type"),
    ("class Half(float):\n    def is_integer(self):\n        return True", "defines-type"),
    ('Yes = type("Yes", (np.ndarray,), {"all": lambda self, *a, **k: True})', "defines-type"),
    (
        'import dataclasses\nYes = dataclasses.make_dataclass("Yes", [], bases=(np.ndarray,))',
        "defines-type",
    ),
    ("class Meta(type):\n    pass\nclass Yes(metaclass=Meta):\n    pass", "defines-type"),
    ("@(lambda c: np.ndarray)\nclass Base:\n    pass\nclass Yes(Base):\n    pass", "defines-type"),
    ("class m:\n    ABC = np.ndarray\nclass Yes(m.ABC):\n    pass", "defines-type"),
    # Code from strings, the kernel, the process, the file system.
    ('exec("check_softmax = print")', "forbidden-builtin"),
    ('eval("check_softmax")', "forbidden-builtin"),
    ('code = compile("x = 1", "<cell>", "exec")', "forbidden-builtin"),
    ('__builtins__["eval"]("1")', "dunder"),
    ("x = (1).__class__.__bases__[0].__subclasses__()", "dunder"),
    ('import typing\ndef f(x: "exec(1)"):\n    pass\ntyping.get_type_hints(f)', "evaluates-code"),
    (
        "import functools\n@functools.singledispatch\ndef f(x):\n    return x\n"
        "@f.register\ndef _(x: \"exec('check_softmax = print') or int\"):\n    return x",
        "evaluates-code",
    ),
    ("T = list[\"exec('check_softmax = print') or int\"]", "evaluates-code"),
    ('input("answer? ")', "forbidden-builtin"),
    ("breakpoint()", "forbidden-builtin"),
    ("exit()", "forbidden-builtin"),
    ("import os\nos._exit(0)", "imports-module"),
    ("import sys\nsys.exit()", "reaches-module"),
    ("import ctypes", "imports-module"),
    ("import gc\ngc.get_referrers(check_softmax)", "imports-module"),
    ("import inspect", "imports-module"),
    ("import signal", "imports-module"),
    ("import threading", "imports-module"),
    ("import subprocess", "imports-module"),
    ("import socket", "imports-module"),
    ("np.ctypeslib.as_ctypes(np.zeros(1))", "reaches-module"),
    ("x = np.zeros(3).ctypes", "reaches-module"),
    ("np.lib.format.read_array(f, allow_pickle=True)", "reaches-module"),
    ("x = np.core.multiarray", "reaches-module"),
    ('scipy.io.savemat("x.mat", {})', "reaches-module"),
    ("from numpy.lib.stride_tricks import as_strided", "reaches-module"),
    ("from enum import bltns", "reaches-module"),
    (
        "def tiled_attention(Q, K, V, block_size, mask=None):\n    tracemalloc.reset_peak()",
        "reaches-module",
    ),
    ('np.save("solutions.npy", 1)', "file-access"),
    ('np.savetxt("solutions.py", ["import os"], fmt="%s")', "file-access"),
    ('np.zeros(1).tofile("solutions.py")', "file-access"),
    ('plt.savefig("../gradebook.db")', "file-access"),
    ('FigureCanvasAgg(plt.figure()).print_png("solutions.py")', "file-access"),
    ('plt.switch_backend("module://solutions.softmax")', "reaches-module"),
]

#: Names the hostile snippets are screened against: what every notebook's setup binds, and 07's.
HOSTILE_PROTECTED = every_notebook_protects() | protected_names("07_attention_and_masking")


@pytest.mark.parametrize(
    "source, rule", HOSTILE, ids=[f"{i}-{rule}" for i, (_, rule) in enumerate(HOSTILE)]
)
def test_hostile_snippet_is_caught(source, rule):
    findings = screen_answer(source, protected_names=HOSTILE_PROTECTED)
    assert rule in {f.rule for f in findings}, findings
    assert all(f.message.endswith(".") and "`" in f.message for f in findings), findings


def test_counts(capsys):
    """Honest answers screened / flagged, hostile snippets / caught."""
    flagged = [n for n, s, p in HONEST if screen_answer(s, protected_names=p)]
    caught = [
        s
        for s, rule in HOSTILE
        if rule in {f.rule for f in screen_answer(s, protected_names=HOSTILE_PROTECTED)}
    ]
    summary = (
        f"honest answers screened {len(HONEST)}, flagged {len(flagged)}; "
        f"hostile snippets {len(HOSTILE)}, caught {len(caught)}"
    )
    with capsys.disabled():
        print(f"\n[screen] {summary}")
    assert not flagged and len(caught) == len(HOSTILE) >= 40, summary


def test_every_rule_is_exercised():
    """Each rule of the screen has hostile snippets (syntax-error has its own test below)."""
    documented = set(DENIED_NAMES.values()) | {
        "uses-ipython",
        "rebinds-protected",
        "star-import",
        "imports-reference",
        "imports-grader",
        "imports-module",
        "forbidden-builtin",
        "dunder",
        "private-attribute",
        "reaches-frame",
    }
    assert documented == {rule for _, rule in HOSTILE}


# --- the rules' edges: what stays allowed, and why ------------------------------------------


@pytest.mark.parametrize(
    "source", ["def softmax(z)\n    return z", "e = np.exp(z", "return e / e.sum(axis=-1"]
)
def test_a_syntax_error_is_its_own_rule(source):
    """A cell that does not parse runs nothing: a mistake, which the grader lets run."""
    [finding] = screen_answer(source)
    assert finding.rule == "syntax-error" and "not an integrity problem" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nimport math\nimport scipy.special\nimport numpy.linalg",
        "from autograder import as_float_array",
        "from numpy.lib.array_utils import normalize_axis_index",
        "from __future__ import annotations",
        "import random\nrandom.choices(range(3), weights=[1, 2, 3])",
        "def f(input, open=None):\n    return input",
        "def f(z):\n    if not hasattr(z, '__len__'):\n        raise ValueError(type(z).__name__)",
        "if __name__ == '__main__':\n    pass",
        "import functools\ndef deco(f):\n    @functools.wraps(f)\n    def g(*a):\n        return f(*a)\n    return g",
        "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass Running:\n    m: float",
        "class Running:\n    def __init__(self, m):\n        self._m = m\n        self.total = 0.0\n"
        "    def peak(self):\n        return self._m",
        "class BadAxis(ValueError):\n    def __init__(self, axis):\n        super().__init__(axis)",
        "from typing import NamedTuple\nclass Pair(NamedTuple):\n    a: float\n    b: float",
        "import functools\n@functools.singledispatch\ndef f(x):\n    return x\n@f.register\ndef _(x: int):\n    return x",
        "def f(z):\n    with warnings.catch_warnings():\n        warnings.simplefilter('ignore')\n        return np.log(z)",
        "def f(d):\n    types = (int, float)\n    return isinstance(d, types)",
        "x = np.zeros(3)\nx[0] = 1.0\nx.flat[1] = 2.0",
        "def f(x):\n    check_axis = 1\n    return check_axis",
        "def check_axis(axis):\n    return axis  # a learner's own validation helper",
        "np.testing.assert_allclose(np.exp(0.0), 1.0)  # a learner testing an answer",
        "from numpy.testing import assert_allclose, assert_array_equal",
        "w = np.lib.stride_tricks.sliding_window_view(np.arange(4), 2)",
        "print(np.__version__, softmax_inline.__doc__)",
    ],
)
def test_honest_patterns_pass(source):
    protected = frozenset().union(*(protected_names(a, setup_only=True) for a in ASSIGNMENTS))
    assert {"np", "warnings", "tracemalloc", "as_float_array", "rng"} <= protected
    assert screen_answer(source, protected_names=protected) == []


def test_names_that_cross_cells_are_seen_in_the_notebook():
    """A base rebound in one cell and used in another; a helper class shared honestly."""
    hostile = ["object = np.ndarray", "class Yes(object):\n    def all(self):\n        return True"]
    assert screen_answer(hostile[1]) == []  # alone, the second cell looks innocent
    found = screen_notebook(hostile)
    assert found[0] == [] and [(f.line, f.rule) for f in found[1]] == [(1, "defines-type")]
    honest = ["class Running:\n    pass", "x = 1\n\n\nclass Online(Running):\n    pass"]
    assert [f.rule for f in screen_answer(honest[1])] == ["defines-type"]
    assert screen_notebook(honest) == [[], []]


def test_a_cell_that_does_not_parse_is_left_out_of_the_notebook():
    cells = ["np.allclose = print", "def softmax(z)\n    return z", "import os"]
    found = screen_notebook(cells)
    assert [[(f.line, f.rule) for f in cell] for cell in found] == [
        [(1, "stores-attribute")],
        [(1, "syntax-error")],
        [(1, "imports-module")],
    ]
    assert "`def softmax(z)`" in found[1][0].message


def test_a_later_future_import_does_not_stop_the_notebook_screen():
    cells = ["def f(x):\n    return x", "from __future__ import annotations\nnp.e = 3"]
    assert [[f.rule for f in cell] for cell in screen_notebook(cells)] == [[], ["stores-attribute"]]


def test_course_checks_are_protected_without_setup():
    assert "check_softmax" in COURSE_CHECKS and "check_axis" not in COURSE_CHECKS
    assert [f.rule for f in screen_answer("check_entmax15 = 1")] == ["rebinds-protected"]


def test_findings_carry_the_line():
    findings = screen_answer("import numpy as np\n\n\nnp.allclose = print\n")
    assert [(f.line, f.rule) for f in findings] == [(4, "stores-attribute")]
    assert "`np.allclose`" in findings[0].message


# --- the deny-list is measured, not guessed ---------------------------------------------------

#: Modules an answer must not reach, by attribute from what it may import or the setup binds.
DANGEROUS = (
    "sys os posix builtins importlib inspect gc ctypes subprocess pickle marshal shutil pathlib "
    "io _io tempfile socket threading _thread multiprocessing signal types code codeop runpy "
    "traceback linecache tracemalloc atexit site weakref copyreg logging pdb bdb pkgutil "
    "zipimport asyncio concurrent urllib http mmap resource fcntl select pty glob fnmatch "
    "shelve dbm sqlite3 zipfile tarfile gzip bz2 lzma timeit numpy.f2py numpy.testing "
    "numpy.ctypeslib numpy.lib.format numpy.lib.npyio numpy.lib._npyio_impl IPython ipykernel "
    "nbgrader autograder solutions tests unittest doctest"
).split()


def is_dangerous(module: str) -> bool:
    return any(module == d or module.startswith(d + ".") for d in DANGEROUS)


def setup_modules() -> set[str]:
    """The modules the notebooks' setup cells import (``plt`` is matplotlib.pyplot, ...)."""
    modules = set()
    for assignment in ASSIGNMENTS:
        for cell in notebook(assignment).cells:
            if cell.cell_type != "code" or is_test(cell) or is_answer(cell):
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Import):
                    modules |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module:
                    modules.add(node.module)
    return {m for m in modules if not is_dangerous(m)}


def test_no_allowed_module_reaches_a_dangerous_one():
    """Following public attributes that are modules, from every module an answer may import
    or the setup binds, never reaches a dangerous module without passing a denied name."""
    start = sorted(ALLOWED_MODULES) + sorted(setup_modules())
    seen, escapes = set(), []
    with warnings.catch_warnings():  # reaching deprecated submodules warns
        warnings.simplefilter("ignore")
        queue = [importlib.import_module(name) for name in start]
        while queue:
            module = queue.pop()
            if module.__name__ in seen:
                continue
            seen.add(module.__name__)
            for name in dir(module):
                if name.startswith("_") or name in DENIED_NAMES:
                    continue
                try:
                    value = getattr(module, name)
                except Exception:  # a lazy attribute that fails to load reaches nothing
                    continue
                if isinstance(value, types.ModuleType):
                    if is_dangerous(value.__name__):
                        escapes.append(f"{module.__name__}.{name} -> {value.__name__}")
                    else:
                        queue.append(value)
    assert len(seen) > 100, "the walk should cover NumPy, SciPy and the setup's libraries"
    assert not escapes, escapes


def test_allowed_modules_import():
    for name in ALLOWED_MODULES:
        assert isinstance(importlib.import_module(name), types.ModuleType)


def test_no_allowed_module_is_a_denied_name():
    """``np.random`` or ``scipy.special`` is not flagged as reaching out.

    ``np.lib`` is (it holds the .npy format and the pickle loader), except on the way to its
    two allowed helper submodules.
    """
    leaves = {m.rsplit(".", 1)[-1] for m in ALLOWED_MODULES}
    assert not leaves & set(DENIED_NAMES)
    assert [f.rule for f in screen_answer("np.lib.format")] == ["reaches-module"]
    assert screen_answer("np.lib.stride_tricks") == []


TALKING = [
    "import sys\n\n\ndef f(x):\n    print('computing', file=sys.stderr)\n    return x",
    "import logging\n\n\ndef f(x):\n    logging.warning('careful')\n    return x",
    "import logging\n\nlog = logging.getLogger('answer')\n\n\ndef f(x):\n    log.info('x')\n    return x",
    "from sys import stderr\n\n\ndef f(x):\n    stderr.write('x')\n    return x",
]
TALKING_TOO_MUCH = [
    "import sys\n\nsys.exit(0)",
    "import sys\n\nm = sys",
    "import sys as s\n\ns.exit()",
    "import sys\n\nsys.settrace(None)",
    "from sys import modules",
    "import logging\n\nlogging.basicConfig(filename='x')",
    "import logging\n\nlogging.sys.modules",
    "import logging.handlers",
]


@pytest.mark.parametrize("source", TALKING)
def test_an_answer_may_print_to_stderr_and_log(source):
    assert screen_answer(source) == []


@pytest.mark.parametrize("source", TALKING_TOO_MUCH)
def test_sys_and_logging_offer_nothing_but_talking(source):
    assert screen_answer(source)
