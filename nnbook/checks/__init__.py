"""An exercise check runs a learner's answer on chosen inputs and says, in one short block,
whether it passed, was not attempted yet, or exactly what is wrong and a hint.

The pieces every checker in this package is built from:

- `Feedback` is what a checker returns and shows (never an exception, never a traceback);
- `call(fn, *args)` runs learner code safely: it stops after a time limit, turns
  `NotImplementedError` into "not attempted yet", any other exception into one readable line,
  and notices when the learner's function modified its inputs;
- `compare(actual, expected, ...)` explains the first way an array or number is wrong
  (None, not an array, wrong shape, NaN or inf, wrong values with the first differing entry);
- `number(answer, expected, ...)` and `choice(answer, options, correct, ...)` check values entered
  by hand and answers to conceptual questions.

A checker is a plain function: it collects failures with these helpers and returns
`Feedback.passed(...)` only when nothing failed.
"""

from nnbook.checks.core import (  # noqa: F401 (re-exported: the public surface of the package)
    CheckFailed,
    Feedback,
    NotAttempted,
    call,
    checker,
    close,
    choice,
    compare,
    number,
    run_checker,
    whole_number,
)
