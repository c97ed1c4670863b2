"""The two kinds of row in the bad-input tables (tests/test_bad_input*.py).

``Bad``: the call raises ``error`` (TypeError or ValueError) whose message starts with the
call's name ("Linear.forward: ...", or ``where``) and names ``argument``.

``Told``: the call is an exercise check given a learner's bad answer. A check never raises for
an answer (a traceback is no feedback); it returns a ``Feedback`` that is not "passed", comes
from the check itself (not "the checker itself hit ..."), and whose text names the problem:
it contains every string of ``mentions``.

``Accepts``: for the few callables whose every argument value is valid (``kind`` puts any
value into words): the call, fed hostile values, returns a value of type ``returns``.

The per-topic tables may also write a ``Bad`` row as a plain tuple (call, error, where,
argument); ``normalise`` turns either form into these.
"""

from typing import NamedTuple


class Bad(NamedTuple):
    call: object  # a function of no arguments that makes the bad call
    error: type
    argument: str  # the argument the message must name
    where: str = ""  # the call the message must start with, if not the callable itself


class Told(NamedTuple):
    call: object  # a function of no arguments that calls a check with a bad answer
    mentions: tuple  # strings the feedback (message and hint) must contain


class Accepts(NamedTuple):
    call: object  # a function of no arguments that feeds the callable hostile values
    returns: type  # what every such call returns


def normalise(row):
    """A row of any table as ``Bad``, ``Told`` or ``Accepts``."""
    if isinstance(row, (Bad, Told, Accepts)):
        return row
    call, error, where, argument = row  # the per-topic tuple (thunk, error, where, name)
    return Bad(call, error, argument, where)
