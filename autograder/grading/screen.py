"""A static screen of answer cells: does a student's code reach into the grader?

nbgrader awards a test cell's points when the cell runs without an error, and the hidden tests
run in the same Python process as the answers. An answer cell can therefore earn marks it did
not write: rebind ``check_softmax``, patch ``np.allclose``, import the reference answers, blank
later cells through ``get_ipython()``, or return an object whose ``__eq__`` always says yes.
The grader rebuilds each submission from the source notebook, keeping only the answer cells;
:func:`screen_notebook` (or :func:`screen_answer`, one cell) reads their code without running
it and lists what reaches outside the answer. It is precise rather than paranoid: every honest
answer the course knows passes it (``tests/test_screen.py`` proves this, and that it catches a
table of hostile snippets).

Rules (the ``rule`` of a :class:`Finding`)
------------------------------------------
syntax-error
    The cell is not Python even after IPython's transforms. That is an honest mistake, not an
    attack: IPython compiles the whole cell before running any of it, so the cell runs nothing
    and fails its tests by itself. The grader lets it run and does not report it as an
    integrity problem. (The screen must use the kernel's Python version.)
uses-ipython
    Magics, ``!`` commands and ``x?`` (IPython turns them into ``get_ipython()`` calls),
    ``get_ipython`` itself and the history (``In``, ``Out``, ``_i1`` ...): they can rewrite or
    blank every later cell. Also IPython's display hooks (``_repr_html_``, ``_ipython_display_``),
    which write any HTML or JavaScript into the notebook the instructor opens.
rebinds-protected
    A top-level binding (assignment, ``def``, ``class``, ``import``, ``del``, ``for``, ``with``,
    ``except``, walrus, ``match``) or a ``global`` statement of a name the notebook's setup
    binds (``protected_names``) or of a check of the course (``check_<exercise>``; a learner's
    own helper such as ``check_axis`` is fine). Importing a module again under its own name
    (``import math``, ``import numpy as np``) binds the same object and is allowed.
star-import, imports-reference, imports-grader, imports-module
    Imports are allow-listed (:data:`ALLOWED_MODULES`); ``solutions`` and the catalogue hold
    answers, ``autograder`` and ``nbgrader`` are the grader (except ``from autograder import
    as_float_array``, which the notebooks offer for answers).
forbidden-builtin
    :data:`FORBIDDEN_BUILTINS` (``exec``, ``eval``, ``globals``, ``setattr``, ``open`` ...),
    unless the name is a local variable of the function that uses it.
dynamic-attribute
    ``getattr`` with a computed name, ``operator.attrgetter``, ``operator.methodcaller``. A
    constant name is screened like ``obj.name``; a computed one, even
    ``getattr(np, t.__name__)``, could be any function (a ``namedtuple`` named ``"sa" + "ve"``
    makes it ``np.save``).
dunder
    An identifier or a constant string ``__x__`` (``__class__``, ``__globals__``, ``__code__``,
    ``__builtins__``, ``__eq__``, ``__array_ufunc__`` ...), except ``def __init__`` in a class,
    ``super().__init__``, reading ``__name__``, ``__doc__`` or ``__version__``, ``from
    __future__``, ``"__main__"`` and ``hasattr(x, "__len__")``.
private-attribute
    ``x._name``, a library's internals (``np._core``), except on ``self`` in a method.
reaches-module, reaches-frame, file-access, evaluates-code, mutates-module
    Names that lead out of the allowed modules (:data:`DENIED_NAMES`: ``sys``, ``os``,
    ``testing``, ``lib``, ``tracemalloc`` ...; :data:`PASSAGES` lets ``np.testing.assert_*``
    and ``np.lib.stride_tricks`` through), into running frames (``gi_frame``, ``f_back``),
    to files (``np.save``, ``allow_pickle=``, ``savefig``), to code in strings
    (``get_type_hints``, a forward reference ``"exec(...)"`` that ``singledispatch`` would
    evaluate), to tables shared with the checks (``np.typecodes``, ``warnings.filters``) and
    ``X.register`` on a library's abstract base class.
stores-attribute
    ``x.a = ...``, ``x.a += ...``, ``del x.a``, ``functools.update_wrapper``. No honest answer
    of the course sets an attribute; the narrowest rule that still allows a helper class lets
    ``self.a = ...`` through in that class's own ``__init__``, which only a fresh instance
    reaches (``C.__init__(np)`` would need a dunder).
defines-type
    A class based on anything but ``object``, an exception, a class of the cells,
    ``NamedTuple``, ``Enum`` or ``ABC`` (an ``ndarray`` or ``float`` subclass can override
    ``all`` or ``item``); a metaclass; a class decorator other than ``dataclass``,
    ``total_ordering`` or ``unique``; ``type(name, bases, namespace)`` and the other ways to
    call a metaclass (``type(int)(...)``, ``ABCMeta(...)``, ``make_dataclass``).

Known limits
------------
A static screen sees names, not values, so a determined student can still:

- call a metaclass held in a variable (``meta = type(int)``);
- call a method unbound, ``C.method(np)``, so that ``self._x`` in it reads the internals of a
  module (stores stay closed: only ``__init__`` may store on ``self``);
- change process-wide settings (``np.seterr``, warning filters, ``np.random.seed``), which the
  checks must therefore set for themselves;
- use functions of the libraries the setup binds (``plt``, ``widgets``) that touch files or
  import modules beyond the ones denied by name, or display HTML through a library object (a
  matplotlib colormap named ``"<script>..."``, ``display(..., raw=True)``): the grader must
  show students' outputs sanitized;
- exhaust time or memory, which only the grader's time-outs stop.

Screening one cell at a time also misses names that cross cells, which :func:`screen_notebook`
sees. Hence the grader still runs answers where they cannot write to the course or the
gradebook, and the checks compare ``np.asarray`` of what an answer returns.

Examples
--------
>>> screen_answer("def softmax(z):\\n    e = np.exp(z - z.max())\\n    return e / e.sum()")
[]
>>> [(f.line, f.rule) for f in screen_answer("import numpy as np\\nnp.allclose = print")]
[(2, 'stores-attribute')]
>>> print(screen_answer("from solutions.softmax import softmax")[0].message)
`from solutions.softmax import softmax` imports the reference answers.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from autograder.course import ASSIGNMENTS


@dataclass(frozen=True)
class Finding:
    """One thing an answer cell does that reaches outside the answer.

    Attributes
    ----------
    line : int
        1-based line in the answer cell's source.
    rule : str
        A short kebab-case tag (the module docstring lists them).
    message : str
        One sentence, naming the code, that an instructor and a student understand.
    """

    line: int
    rule: str
    message: str


#: Modules an answer may import: numerical, or plain standard-library helpers. Routes out of
#: them through a module attribute (``dataclasses.sys``, ``enum.bltns``) are closed by
#: :data:`DENIED_NAMES`; the tests follow every public module attribute from here to prove it.
ALLOWED_MODULES = frozenset(
    # NumPy and its everyday submodules. ``numpy.lib`` as a whole holds the .npy format and
    # the pickle loader; of it, the catalogue imports ``numpy.lib.array_utils``, and
    # ``stride_tricks`` has ``sliding_window_view`` (its ``as_strided`` is denied by name).
    "numpy numpy.linalg numpy.random numpy.fft numpy.ma numpy.typing numpy.exceptions "
    "numpy.lib.array_utils numpy.lib.stride_tricks "
    # SciPy's numerical parts (``scipy.special.softmax`` is a fair thing to compare with);
    # ``scipy.io`` and ``scipy.datasets`` touch files and are denied by name.
    "scipy scipy.special scipy.stats scipy.optimize scipy.linalg "
    # Arithmetic, and Python's own random numbers (an honest sampler uses random.choices).
    "math cmath fractions decimal statistics numbers random "
    # Functional and container helpers; their escapes (``operator.attrgetter``,
    # ``functools.update_wrapper``, ``Real.register``) are denied by name.
    "functools itertools collections collections.abc heapq bisect operator "
    # Declarations: hints, data classes, enums, abstract classes, context managers, warnings
    # (answers silence their own inside ``catch_warnings``) and ``from __future__``.
    "typing dataclasses enum abc contextlib warnings __future__".split()
)

#: Modules an answer may import under their own name but use only through :data:`PASSAGES`:
#: an honest answer may talk, printing to ``sys.stderr`` or logging a warning.
TALKING_MODULES = frozenset({"sys", "logging"})

#: Packages that hold answers (the reference solutions, the mistake catalogue) and the grader.
REFERENCE_PACKAGES = ("solutions", "tests")
GRADER_PACKAGES = ("autograder", "nbgrader")
#: What an answer may import from the grader: the notebooks offer it for answers.
GRADER_OFFERS = frozenset({"as_float_array"})

_DENIED = {
    "reaches-module": (
        # The interpreter, imports and introspection.
        "sys builtins bltns importlib resources pkgutil zipimport runpy site inspect gc types "
        "code codeop traceback linecache weakref copyreg atexit ctypes marshal pickle dis "
        # Files, processes, the network, threads, time and memory measurement.
        "os posix nt io pathlib shutil tempfile glob fnmatch gzip bz2 lzma zipfile tarfile "
        "shelve dbm sqlite3 mmap fcntl resource subprocess signal socket ssl http urllib "
        "webbrowser threading multiprocessing concurrent asyncio logging time timeit "
        "tracemalloc pdb bdb platform sysconfig "
        # NumPy's and SciPy's internals, test helpers and file formats; arrays over arbitrary
        # memory (as_strided); matplotlib's utilities.
        "lib core npyio ctypeslib f2py testing distutils datasets as_strided matplotlib cbook "
        "switch_backend "  # pyplot imports the module a string names
        # The notebook machinery, the course's packages and sys.modules.
        "IPython ipykernel nbgrader autograder solutions tests unittest doctest modules"
    ),
    "file-access": (
        "open save savez savez_compressed savetxt load loadtxt genfromtxt fromfile tofile "
        "memmap fromregex DataSource dump open_memmap read_array write_array savefig imsave "
        "imread rc_file get_sample_data chdir system popen allow_pickle"
    ),
    "evaluates-code": "eval exec compile get_type_hints",
    "dynamic-attribute": "attrgetter methodcaller",
    "mutates-module": "typecodes sctypeDict sctypes filters onceregistry all_feature_names",
    "stores-attribute": "update_wrapper",
    "defines-type": "make_dataclass ABCMeta EnumMeta EnumType",  # they build classes too
}
#: Names that lead out of an answer, as ``obj.name``, as ``from m import name`` or as a
#: variable the setup bound (``io``, ``tracemalloc``): name -> rule.
DENIED_NAMES: dict[str, str] = {
    name: rule for rule, names in _DENIED.items() for name in names.split()
}

#: Denied names with a safe way through, when the next attribute (or the name imported from
#: them) matches: a learner testing an answer with ``np.testing.assert_allclose``, and
#: ``np.lib.stride_tricks.sliding_window_view``.
PASSAGES = {
    "sys": re.compile(r"^(stdout|stderr|float_info|maxsize)$"),
    "logging": re.compile(
        r"^(debug|info|warning|error|critical|exception|log|getLogger"
        r"|DEBUG|INFO|WARNING|ERROR|CRITICAL)$"
    ),
    "testing": re.compile(r"^assert_\w+$"),
    "lib": re.compile(r"^(array_utils|stride_tricks)$"),
}

#: Dunder attributes that only name or describe an object, which an answer may read.
READABLE_DUNDERS = frozenset({"__name__", "__qualname__", "__doc__", "__module__", "__version__"})

#: A figure canvas's writers (``print_png``, ``print_figure`` ...) take a file name.
FILE_WRITER = re.compile(r"^print_\w+$")

#: Frames, tracebacks, code objects, generators, coroutines: ``gen.gi_frame.f_back`` is the
#: frame that called the answer, i.e. the check's, where ``reference`` is a local variable.
FRAME_ATTRIBUTE = re.compile(r"^(f|tb|co|gi|cr|ag)_[a-z_]+$")

#: Builtins an answer has no need for: name -> what it does.
FORBIDDEN_BUILTINS: dict[str, str] = {
    "exec": "runs a string as code",
    "eval": "runs a string as code",
    "compile": "turns a string into code",
    "globals": "exposes the notebook's namespace, where the checks live",
    "locals": "exposes a namespace by its names",
    "vars": "exposes an object's namespace by its names",
    "setattr": "sets an attribute named by a string",
    "delattr": "deletes an attribute named by a string",
    "open": "reads or writes files",
    "input": "waits for the keyboard",
    "breakpoint": "stops in the debugger",
    "help": "starts interactive help",
    "exit": "stops the kernel",
    "quit": "stops the kernel",
}

#: The names the hidden tests bind to the reference answers (``reference_softmax``): a later
#: answer could call them.
REFERENCE_NAME = re.compile(r"^reference_\w+$")

#: IPython's shell and its input and output history in the kernel's namespace.
IPYTHON_NAMES = re.compile(r"^(get_ipython|In|Out|_ih|_oh|_dh|_ii|_iii|__|___|_i\d+|_\d+)$")
#: IPython's display hooks: a class with ``_repr_html_`` writes any HTML or JavaScript into the
#: graded notebook, which the instructor then opens.
DISPLAY_HOOK = re.compile(r"^_(repr|ipython)_\w*_$")
DUNDER = re.compile(r"^__\w+__$")

#: Bases and class decorators of the standard library that a helper class may use.
SAFE_BASES = frozenset({"NamedTuple", "Enum", "IntEnum", "Flag", "IntFlag", "ABC", "Generic"})
SAFE_CLASS_DECORATORS = frozenset({"dataclass", "total_ordering", "unique"})
EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)

#: The checks the course's test cells call, whether or not a notebook's setup imports them.
COURSE_CHECKS = frozenset(
    f"check_{exercise}" for _, exercises in ASSIGNMENTS.values() for exercise in exercises
)

#: What each rule means, completing a sentence that starts with the offending code.
WHY = {
    "syntax-error": "is not valid Python: the cell runs nothing and fails its tests by itself, "
    "a mistake, not an integrity problem",
    "uses-ipython": "is IPython's own machinery (magics, shell commands, cell history), which "
    "can change how later cells run",
    "rebinds-protected": "rebinds, at the top level of the cell, a name the notebook and its "
    "tests rely on",
    "star-import": "binds names the screen cannot see; import the names you use",
    "imports-reference": "imports the reference answers",
    "imports-grader": "reaches into the grader; from `autograder` an answer may import only "
    "`as_float_array`",
    "imports-module": "imports a module an answer has no need for; NumPy, SciPy's numerical "
    "parts and helpers such as `math` are allowed",
    "dynamic-attribute": "reaches attributes by a computed name, which could be anything",
    "dunder": "reaches Python's machinery; of the `__x__` names only `__init__` and reading "
    "`__name__` are allowed",
    "private-attribute": "reads a library's internals (a `_private` name); only `self._x` in "
    "your own class is allowed",
    "reaches-module": "leads to code an answer has no business with (the interpreter, files, "
    "processes, internals or the grader)",
    "reaches-frame": "inspects running frames or code, where the checks keep the reference",
    "file-access": "reads or writes files",
    "evaluates-code": "runs code given as a string",
    "stores-attribute": "sets or deletes an attribute; an answer may do so only on `self` in "
    "its own class's `__init__`",
    "mutates-module": "changes state a library shares with the checks",
    "defines-type": "makes a class that can change how the checks compare it (allowed: bases "
    "`object`, exceptions, your classes, `NamedTuple`, `Enum`, `ABC`; `@dataclass`)",
}


def screen_answer(source: str, *, protected_names: Iterable[str] = ()) -> list[Finding]:
    """Findings for one answer cell's source (empty list: nothing reaches into the grader).

    Parameters
    ----------
    source : str
        The answer cell's code as the student wrote it (IPython syntax included).
    protected_names : iterable of str
        Names the notebook's setup cells bind (``np``, ``check_softmax``, ``plt`` ...): the
        cell may use them but not rebind them at its top level.

    Returns
    -------
    list of Finding
        Sorted by line; one per offending piece of code and rule.

    Examples
    --------
    >>> screen_answer("check_softmax = print")[0].message
    '`check_softmax` rebinds, at the top level of the cell, a name the notebook and its tests rely on.'
    >>> [f.rule for f in screen_answer("%%writefile solutions.py\\nx = 1")]
    ['uses-ipython']
    >>> screen_answer("def softmax(z)\\n    return z")[0].rule
    'syntax-error'
    """
    return screen_notebook([source], protected_names=protected_names)[0]


def screen_notebook(
    sources: Sequence[str], *, protected_names: Iterable[str] = ()
) -> list[list[Finding]]:
    """Findings for each answer cell of one notebook, with names seen across its cells.

    The answer cells share the kernel's namespace, so they are screened as one program: a base
    class one cell rebinds (``object = np.ndarray``) is seen where another uses it, and a
    helper class one cell defines may be the base of another's. A cell that does not parse is
    left out of the program (it runs nothing) and gets its ``syntax-error`` finding.

    Parameters
    ----------
    sources : sequence of str
        The answer cells' code, in notebook order.
    protected_names : iterable of str
        Names the notebook's setup cells bind.

    Returns
    -------
    list of list of Finding
        For each cell, its findings with lines counted in that cell.

    Examples
    --------
    >>> cells = ["object = np.ndarray", "class Yes(object):\\n    pass"]
    >>> [[f.rule for f in found] for found in screen_notebook(cells)]
    [[], ['defines-type']]
    """
    findings: list[list[Finding]] = [[] for _ in sources]
    program: list[tuple[int, str]] = []  # (cell, code) of the cells that parse
    for i, source in enumerate(sources):
        python = _python_of(source).rstrip("\n")
        try:
            ast.parse(python)
        except SyntaxError as error:
            code = (error.text or "").strip() or error.msg
            findings[i].append(
                Finding(error.lineno or 1, "syntax-error", _sentence(code, "syntax-error"))
            )
            continue
        program.append((i, python))
    try:
        ast.parse("\n".join(python for _, python in program))
        groups = [program]
    except SyntaxError:  # ``from __future__`` in a later cell: then screen cells one by one
        groups = [[cell] for cell in program]
    for group in groups:
        starts, line = [], 1  # the line of the joined program where each cell starts
        for i, python in group:
            starts.append((line, i))
            line += python.count("\n") + 1
        tree = ast.parse("\n".join(python for _, python in group))
        for finding in set(_Screen(tree, protected_names).findings):
            start, i = max(s for s in starts if s[0] <= finding.line)
            findings[i].append(Finding(finding.line - start + 1, finding.rule, finding.message))
    return [sorted(found, key=lambda f: (f.line, f.rule, f.message)) for found in findings]


def bound_names(source: str) -> set[str]:
    """The names a cell binds at its top level: what a setup cell gives the notebook.

    Examples
    --------
    >>> sorted(bound_names("import numpy as np\\nfrom autograder import check_softmax\\nrng = 1"))
    ['check_softmax', 'np', 'rng']
    """
    tree = ast.parse(_python_of(source))
    return _Scopes(tree).bound.get(tree, set())


def _python_of(source: str) -> str:
    """The cell as the kernel compiles it: magics, ``!`` and ``?`` become ``get_ipython()``."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # what IPython cannot transform does not parse either
        return source


def _sentence(code: str, rule: str, why: str | None = None) -> str:
    """``"`code` why."``: the code shortened to one line of at most 60 characters."""
    code = " ".join(code.split())
    code = code if len(code) <= 60 else code[:57] + "..."
    return f"`{code}` {why or WHY[rule]}."


def _code(node: ast.AST) -> str:
    return ast.unparse(node)


# --- scopes ---------------------------------------------------------------------------------

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _walk(node: ast.AST, chain: tuple) -> Iterator[tuple[ast.AST, tuple]]:
    """Yield ``(node, scopes)`` for every node, ``scopes`` being the enclosing scope nodes.

    Decorators, defaults, annotations and bases belong to the enclosing scope, and so does a
    comprehension's first iterable; the rest of a function, lambda, class or comprehension to
    its own. Parameters are yielded in the function's scope without their annotations.
    """
    yield node, chain
    if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
        outside, params = list(getattr(node, "decorator_list", [])), []
        if isinstance(node, ast.ClassDef):
            outside += node.bases + node.keywords
        else:
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            params = [p for p in params if p is not None]
            outside += args.defaults + [d for d in args.kw_defaults if d is not None]
            outside += [p.annotation for p in params if p.annotation is not None]
            outside += [node.returns] if getattr(node, "returns", None) else []
        for child in outside:
            yield from _walk(child, chain)
        inner = chain + (node,)
        yield from ((param, inner) for param in params)
        for child in [node.body] if isinstance(node, ast.Lambda) else node.body:
            yield from _walk(child, inner)
    elif isinstance(node, _COMPREHENSIONS):
        first, *rest = node.generators
        yield from _walk(first.iter, chain)
        elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        for child in [first.target, *first.ifs, *rest, *elements]:
            yield from _walk(child, chain + (node,))
    else:
        for child in ast.iter_child_nodes(node):
            yield from _walk(child, chain)


class _Scopes:
    """Which names each scope binds, and by what statements (Python's rules, read statically)."""

    def __init__(self, tree: ast.Module):
        self.bound: dict[ast.AST, set[str]] = {}  # scope -> the names it binds
        self.how: dict[tuple[ast.AST, str], list[ast.AST]] = {}  # (scope, name) -> binders
        self.scope_bound: dict[int, ast.AST] = {}  # id(binder) -> the scope it binds in
        self.globals: dict[ast.AST, set[str]] = {}  # scope -> names declared global
        walrus = {id(n.target) for n in ast.walk(tree) if isinstance(n, ast.NamedExpr)}
        for node, chain in _walk(tree, (tree,)):
            scope = chain[-1]
            if id(node) in walrus:  # binds in the scope around the comprehension
                scope = next(s for s in reversed(chain) if not isinstance(s, _COMPREHENSIONS))
            if isinstance(node, ast.Global):
                self.globals.setdefault(scope, set()).update(node.names)
            for name in _binds(node):
                self.bound.setdefault(scope, set()).add(name)
                self.how.setdefault((scope, name), []).append(node)
                self.scope_bound[id(node)] = scope

    def local_scope(self, name: str, chain: tuple) -> ast.AST | None:
        """The function, lambda or comprehension of which ``name`` is a local, else ``None``.

        ``None``: the name is looked up at run time in the notebook's namespace, then in
        builtins. The top level and class bodies never shadow: there a name is looked up by
        value at run time, and ``if False: eval = f`` leaves ``eval`` the builtin.
        """
        for scope in reversed(chain[1:]):
            if name in self.globals.get(scope, ()):
                return None
            if not isinstance(scope, ast.ClassDef) and name in self.bound.get(scope, ()):
                return scope
        return None

    def binders(self, name: str, chain: tuple) -> list[ast.AST]:
        """The statements that bind ``name`` where it is looked up (its function, else the cell)."""
        return self.how.get((self.local_scope(name, chain) or chain[0], name), [])


def _binds(node: ast.AST) -> list[str]:
    """The names a node binds in the scope it is in."""
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, _DEFS):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"]
    if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)):
        return [node.name] if node.name else []
    if isinstance(node, ast.MatchMapping):
        return [node.rest] if node.rest else []
    return []


# --- the screen -----------------------------------------------------------------------------


class _Screen:
    """One walk over a parsed program, collecting :class:`Finding` objects in ``findings``."""

    def __init__(self, tree: ast.Module, protected: Iterable[str]):
        self.tree = tree
        self.protected = set(protected) | COURSE_CHECKS
        self.scopes = _Scopes(tree)
        self.parent = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
        self.bound_anywhere = set().union(*self.scopes.bound.values())
        self.type_positions = _type_positions(tree)
        self.loads: dict[tuple[ast.AST, str], list[ast.Name]] = {}  # uses of each local
        for node, chain in _walk(tree, (tree,)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                scope = self.scopes.local_scope(node.id, chain) or tree
                self.loads.setdefault((scope, node.id), []).append(node)
        self.findings: list[Finding] = []
        for node, chain in _walk(tree, (tree,)):
            for check in (self._binding, self._name, self._attribute, self._import, self._call):
                check(node, chain)
            if isinstance(node, ast.ClassDef):
                self._class(node, chain)
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
                self._string(node)

    def flag(self, node: ast.AST, rule: str, code: str, why: str | None = None) -> None:
        self.findings.append(Finding(getattr(node, "lineno", 1), rule, _sentence(code, rule, why)))

    def _binding(self, node: ast.AST, chain: tuple) -> None:
        """Top-level bindings and ``global`` statements of protected names."""
        if isinstance(node, ast.Global):
            for name in sorted(set(node.names) & self.protected):
                self.flag(node, "rebinds-protected", f"global {name}")
        elif self.scopes.scope_bound.get(id(node)) is self.tree:
            for name in set(_binds(node)) & self.protected:
                if not _same_object(node, name):
                    self.flag(node, "rebinds-protected", name)

    def _name(self, node: ast.AST, chain: tuple) -> None:
        """Dunder identifiers anywhere; variables from the notebook's namespace or builtins."""
        for name in _identifiers(node):
            if DUNDER.match(name) and not self._allowed_dunder(node, name):
                self.flag(node, "dunder", name)
            elif DISPLAY_HOOK.match(name):
                self.flag(
                    node,
                    "uses-ipython",
                    name,
                    "is an IPython display hook, which puts "
                    "any HTML or JavaScript into the graded notebook",
                )
        if not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load):
            return
        name = node.id
        if self.scopes.local_scope(name, chain) is not None:
            return  # a local variable of the function that uses it
        if IPYTHON_NAMES.match(name):
            self.flag(node, "uses-ipython", name)
        elif REFERENCE_NAME.match(name):
            self.flag(
                node, "imports-reference", name, "is the reference answer a hidden test binds"
            )
        elif name in FORBIDDEN_BUILTINS:
            self.flag(node, "forbidden-builtin", name, FORBIDDEN_BUILTINS[name])
        elif name == "getattr" and not self._called(node):
            self.flag(node, "dynamic-attribute", name)
        elif name == "wraps" and not self._wraps_a_def(node):
            self.flag(node, "stores-attribute", name, "copies attributes onto any object")
        elif name in TALKING_MODULES and name not in self.protected:
            if not self._passage(node, name):  # ``sys.stderr`` passes, ``m = sys`` does not
                self.flag(node, DENIED_NAMES[name], name)
        elif name in DENIED_NAMES and (name in self.protected or name not in self.bound_anywhere):
            # A module the setup bound (``io``, ``tracemalloc``). A variable of the cells'
            # own with such a name is theirs; the setup's would be protected from rebinding.
            self.flag(node, DENIED_NAMES[name], name)

    def _attribute(self, node: ast.AST, chain: tuple) -> None:
        if isinstance(node, ast.MatchClass):  # ``case object(gi_frame=f)`` reads g.gi_frame
            for attr in node.kwd_attrs:
                self._attribute_name(node, attr, node.cls, chain, f"{_code(node.cls)}({attr}=...)")
        if not isinstance(node, ast.Attribute):
            return
        if not isinstance(node.ctx, ast.Load) and not self._init_store(node, chain):
            self.flag(node, "stores-attribute", _code(node))
        self._attribute_name(node, node.attr, node.value, chain, _code(node))

    def _attribute_name(self, node, attr: str, owner, chain: tuple, code: str) -> None:
        """Screen ``owner.attr``, also reached as ``getattr(owner, "attr")`` or imported."""
        own = self._is_self(owner, chain)
        if DUNDER.match(attr):
            return  # an identifier or a string: flagged where it is spelled
        if attr.startswith("_") and not own:
            self.flag(node, "private-attribute", code)
        elif FRAME_ATTRIBUTE.match(attr):  # even on ``self``: ``C.method(generator)``
            self.flag(node, "reaches-frame", code)
        elif attr in DENIED_NAMES and not self._passage(node, attr):
            self.flag(node, DENIED_NAMES[attr], code)
        elif FILE_WRITER.match(attr):
            self.flag(node, "file-access", code)
        elif attr == "get_ipython":  # ipywidgets re-exports it
            self.flag(node, "uses-ipython", code)
        elif owner is None:
            return  # ``from m import name``: its use is screened where it happens
        elif attr == "register" and not self._defined_by_cells(owner, chain):
            why = "registers a class with a library's abstract base class, for the checks too"
            self.flag(node, "mutates-module", code, why)
        elif attr == "wraps" and not self._wraps_a_def(node):
            self.flag(node, "stores-attribute", code, "copies attributes onto any object")

    def _import(self, node: ast.AST, chain: tuple) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                renamed = alias.asname not in (None, alias.name)
                code = f"import {alias.name}" + (f" as {alias.asname}" if renamed else "")
                self._allowed_module(node, alias.name, code)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            code = f"from {module} import {', '.join(a.name for a in node.names)}"
            if module.split(".")[0] in GRADER_PACKAGES and all(
                a.name in GRADER_OFFERS and a.asname in (None, a.name) for a in node.names
            ):
                return
            if module in TALKING_MODULES:  # from sys import stderr
                if all(PASSAGES[module].match(a.name) for a in node.names):
                    return
            parent, _, last = module.rpartition(".")
            if parent in ALLOWED_MODULES and last in PASSAGES:  # from numpy.testing import ...
                if all(PASSAGES[last].match(a.name) for a in node.names):
                    return
            if not self._allowed_module(node, module, code):
                return
            for alias in node.names:
                if alias.name == "*":
                    self.flag(node, "star-import", code)
                else:
                    self._attribute_name(node, alias.name, None, chain, f"{module}.{alias.name}")

    def _allowed_module(self, node: ast.AST, module: str, code: str) -> bool:
        if module in ALLOWED_MODULES:
            return True
        if module in TALKING_MODULES and code == f"import {module}":
            return True  # under its own name only: its uses are screened by name
        package = module.split(".")[0]
        if package in REFERENCE_PACKAGES:
            self.flag(node, "imports-reference", code)
        elif package in GRADER_PACKAGES:
            self.flag(node, "imports-grader", code)
        elif module.startswith("."):
            self.flag(node, "imports-module", code, "imports from the folder the notebook runs in")
        else:
            self.flag(node, "imports-module", code)
        return False

    def _call(self, node: ast.AST, chain: tuple) -> None:
        """``allow_pickle=``, ``getattr`` with a computed name, ``type`` with three arguments."""
        if not isinstance(node, ast.Call):
            return
        for keyword in node.keywords:
            names = [keyword.arg]
            if keyword.arg is None and isinstance(keyword.value, ast.Dict):  # **{"a": 1}
                names = [k.value for k in keyword.value.keys if isinstance(k, ast.Constant)]
            if "allow_pickle" in names:  # unpickling runs code the file carries
                self.flag(node, "file-access", _code(node))
        func = node.func
        if _last_name(func) == "type" and isinstance(func, ast.Call) and len(node.args) == 3:
            self.flag(node, "defines-type", _code(node))  # type(int)(name, bases, namespace)
        if not isinstance(func, ast.Name) or self.scopes.local_scope(func.id, chain):
            return
        plain = not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args)
        if func.id == "getattr":
            name = node.args[1] if plain and len(node.args) in (2, 3) else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                self._attribute_name(node, name.value, node.args[0], chain, _code(node))
            else:
                self.flag(node, "dynamic-attribute", _code(node))
        elif func.id == "type" and not (plain and len(node.args) == 1):
            self.flag(node, "defines-type", _code(node))

    def _class(self, node: ast.ClassDef, chain: tuple) -> None:
        for base in node.bases:
            if not self._safe_base(base, chain):
                self.flag(base, "defines-type", f"class {node.name}({_code(base)})")
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                self.flag(keyword.value, "defines-type", f"metaclass={_code(keyword.value)}")
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not self._standard_name(target, SAFE_CLASS_DECORATORS, chain):
                self.flag(decorator, "defines-type", f"@{_code(decorator)}")

    def _string(self, node: ast.Constant) -> None:
        value = node.value
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        if id(node) in self.type_positions and _runs_code(text):
            why = "is a forward reference that `get_type_hints` or `singledispatch` would run"
            self.flag(node, "evaluates-code", repr(text), why)
        call = self.parent.get(id(node))
        if not DUNDER.match(text) or text == "__main__":
            return
        if isinstance(call, ast.Call) and _last_name(call.func) == "hasattr":
            return  # asking whether an object has a method changes nothing
        self.flag(node, "dunder", repr(text), "names Python's machinery, to build or reach it")

    # --- what stays allowed -----------------------------------------------------------------

    def _passage(self, node: ast.AST, attr: str) -> bool:
        """``np.testing.assert_allclose``: a denied name followed at once by a safe one."""
        after = self.parent.get(id(node))
        return (
            attr in PASSAGES
            and isinstance(after, ast.Attribute)
            and after.value is node
            and bool(PASSAGES[attr].match(after.attr))
        )

    def _allowed_dunder(self, node: ast.AST, name: str) -> bool:
        if name in READABLE_DUNDERS:
            return isinstance(getattr(node, "ctx", None), ast.Load)
        if name == "__future__":
            return isinstance(node, ast.ImportFrom)
        if name == "__init__" and isinstance(node, ast.FunctionDef):
            return isinstance(self.parent.get(id(node)), ast.ClassDef)
        if name == "__init__" and isinstance(node, ast.Attribute):  # super().__init__(...)
            return _last_name(node.value) == "super" and isinstance(node.ctx, ast.Load)
        return False

    def _called(self, node: ast.AST) -> bool:
        parent = self.parent.get(id(node))
        return isinstance(parent, ast.Call) and parent.func is node

    def _method_self(self, function: ast.AST | None) -> str | None:
        """The first parameter of a method of a class of the cells, if the method never
        rebinds it and is no static or class method."""
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        params = function.args.posonlyargs + function.args.args
        if not isinstance(self.parent.get(id(function)), ast.ClassDef) or not params:
            return None
        if any(_last_name(d) != "property" for d in function.decorator_list):
            return None
        name = params[0].arg
        rebound = any(not isinstance(b, ast.arg) for b in self.scopes.how[(function, name)])
        return None if rebound else name

    def _is_self(self, owner: ast.AST | None, chain: tuple) -> bool:
        if not isinstance(owner, ast.Name):
            return False
        return self._method_self(self.scopes.local_scope(owner.id, chain)) == owner.id

    def _init_store(self, node: ast.Attribute, chain: tuple) -> bool:
        """``self.x = ...`` directly in ``__init__`` of a class of the cells."""
        function = chain[-1]
        return (
            getattr(function, "name", None) == "__init__"
            and isinstance(node.value, ast.Name)
            and self.scopes.local_scope(node.value.id, chain) is function
            and self._method_self(function) == node.value.id
        )

    def _defined_by_cells(self, owner: ast.AST, chain: tuple) -> bool:
        """Whether ``owner`` is a name the cells bind only by ``def`` or ``class`` statements."""
        binders = self.scopes.binders(owner.id, chain) if isinstance(owner, ast.Name) else []
        return bool(binders) and all(isinstance(b, _DEFS) for b in binders)

    def _wraps_a_def(self, node: ast.AST) -> bool:
        """``@functools.wraps(f)`` on a ``def``: it copies ``f``'s attributes onto that def."""
        call = self.parent.get(id(node))
        if not isinstance(call, ast.Call) or call.func is not node:
            return False
        one_argument = len(call.args) == 1 and not call.keywords
        return one_argument and isinstance(self.parent.get(id(call)), _DEFS)

    def _safe_base(self, base: ast.AST, chain: tuple) -> bool:
        if isinstance(base, ast.Subscript):  # Generic[T]
            base = base.value
        if self._standard_name(base, SAFE_BASES, chain):
            return True
        if not isinstance(base, ast.Name):
            return False
        binders = self.scopes.binders(base.id, chain)
        if not binders:  # not the cells' own: a builtin
            return base.id == "object" or base.id in EXCEPTIONS
        return all(isinstance(b, ast.ClassDef) for b in binders)

    def _standard_name(self, node: ast.AST, names: frozenset, chain: tuple) -> bool:
        """``name`` or ``module.name`` as the standard library has it: imported by that name
        or not bound by the cells at all (``class m: ABC = np.ndarray`` makes no ABC)."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name, root = node.attr, node.value.id
        elif isinstance(node, ast.Name):
            name, root = node.id, node.id
        else:
            return False
        return name in names and all(
            isinstance(b, (ast.Import, ast.ImportFrom))
            and all(a.asname in (None, a.name) for a in b.names)
            for b in self.scopes.binders(root, chain)
        )


# --- helpers --------------------------------------------------------------------------------


def _same_object(node: ast.AST, name: str) -> bool:
    """Whether an import binds ``name`` to what the setup bound to it.

    ``import math`` and ``import numpy as np`` bind a module to its own name (or NumPy's
    standard alias); ``from math import e`` and ``from autograder import as_float_array`` an
    object of an allowed module (or the grader's offer) to its own name.
    """
    if isinstance(node, ast.Import):
        return any(
            (a.asname or a.name.split(".")[0]) == name
            and (a.asname in (None, a.name) or (a.name, a.asname) == ("numpy", "np"))
            for a in node.names
        )
    if isinstance(node, ast.ImportFrom) and not node.level:
        module = node.module or ""
        offered = module.split(".")[0] in GRADER_PACKAGES and name in GRADER_OFFERS
        return (module in ALLOWED_MODULES or offered) and any(
            a.name == name and a.asname is None for a in node.names
        )
    return False


def _identifiers(node: ast.AST) -> list[str]:
    """The identifiers a node spells itself (its children spell theirs)."""
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, ast.keyword):
        return [node.arg] if node.arg else []
    if isinstance(node, ast.alias):
        return [part for name in (node.name, node.asname) if name for part in name.split(".")]
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    if isinstance(node, ast.MatchClass):
        return list(node.kwd_attrs)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return []
    return _binds(node) or ([node.id] if isinstance(node, ast.Name) else [])


def _last_name(node: ast.AST) -> str | None:
    """``f`` for ``f``, ``m.f`` and ``m.f(...)``; ``None`` for anything else."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


#: Calls whose string arguments the typing machinery evaluates as forward references.
_TYPE_FACTORIES = frozenset({"TypeVar", "NewType", "ForwardRef", "cast"})
#: What makes evaluating an expression do something: calls, and the syntax that hides them.
_ACTIVE = (ast.Call, ast.Lambda, ast.NamedExpr, *_COMPREHENSIONS, ast.Await, ast.Yield)


def _type_positions(tree: ast.Module) -> set[int]:
    """Ids of the nodes where a string is a forward reference to a type.

    Annotations, subscripts (``list["int"]``) and the arguments of ``TypeVar`` and its kin:
    ``typing.get_type_hints`` and ``functools.singledispatch``'s ``register`` evaluate such
    strings as Python, so ``def f(x: "exec(...)")`` registered there runs code.
    """
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        elif isinstance(node, ast.Subscript):
            roots.append(node.slice)
        elif isinstance(node, ast.Call) and _last_name(node.func) in _TYPE_FACTORIES:
            roots += [*node.args, *(k.value for k in node.keywords)]
    return {id(n) for root in roots for n in ast.walk(root)}


def _runs_code(text: str) -> bool:
    """Whether evaluating a string would call something or reach a dunder.

    ``"np.ndarray"``, ``"list[int] | None"`` and prose (which does not parse) run nothing;
    ``"exec('...')"`` and ``"np.__dict__"`` do. A string inside is a forward reference too.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        name = getattr(node, "id", None) or getattr(node, "attr", None) or ""
        if isinstance(node, _ACTIVE) or DUNDER.match(name):
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node is not tree:
            if _runs_code(node.value):
                return True
    return False
