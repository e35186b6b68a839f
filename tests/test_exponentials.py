"""``autograder.exponentials`` sees every usual route to an exponential, and leaves no trace."""

import math

import numpy as np
import pytest
import scipy.special

from autograder.exponentials import exponentials
from autograder.feedback import CheckFailed

X = np.array([-0.75, -2.0])

ROUTES = {
    "np.exp": lambda x: np.exp(x),
    "np.exp2": lambda x: np.exp2(x / math.log(2.0)),
    "np.expm1": lambda x: np.expm1(x) + 1,
    "np.power": lambda x: np.power(np.e, x),
    "np.float_power": lambda x: np.float_power(np.e, x),
    "np.e **": lambda x: np.e**x,
    "math.exp": lambda x: [math.exp(v) for v in x.tolist()],
    "math.expm1": lambda x: [math.expm1(v) for v in x.tolist()],
    "math.pow": lambda x: [math.pow(math.e, v) for v in x.tolist()],
    "math.e **": lambda x: [math.e**v for v in x.tolist()],
    "np.logaddexp": lambda x: np.logaddexp(0.0, x),
    "np.logaddexp.reduce": lambda x: np.logaddexp.reduce(np.append(x, 0.0)),
    "scipy.special.logsumexp": lambda x: scipy.special.logsumexp(np.append(x, 0.0)),
    "scipy.special.softmax": lambda x: scipy.special.softmax(np.append(x, 0.0)),
}


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_is_recorded_in_natural_log_units(route):
    result, seen = exponentials(ROUTES[route], (X,))
    assert seen, f"{route} was not seen"
    values = np.concatenate(seen)
    assert np.isclose(values, -0.75, rtol=0, atol=1e-9).any(), values
    # The stand-ins compute what the originals do.
    np.testing.assert_allclose(np.asarray(result, float), np.asarray(ROUTES[route](X), float))


def test_other_powers_and_functions_are_not_recorded():
    _, seen = exponentials(lambda x: np.power(x, 2) + np.log1p(x**2) + 2.0**x, (X,))
    assert seen == []


def test_the_namespace_is_restored_even_when_the_function_fails():
    def broken(x):
        np.exp(x)
        raise RuntimeError("boom")

    with pytest.raises(CheckFailed):
        exponentials(broken, (X,))
    assert globals()["np"] is np and globals()["math"] is math
    assert type(np.e) is float and type(math.e) is float
