"""An exercise check runs a learner's answer on inputs drawn afresh for every call and says, in
one short block, whether it passed, was not attempted yet, or exactly what is wrong and what
to try next.

One module per chapter (``linear``, ``neuron``, ``activations``, ``architectures``,
``training``, ``representation``, ``capacity``, and ``lab`` for chapter 8's lab); each
``check_*`` function returns a ``Feedback`` and never raises for an answer, whatever its type
or value. Only a check's own settings (a ``seed``, an ``evaluate`` function: code, not an
answer) raise a named TypeError or ValueError, before the check runs, as do the helpers of
``core`` and the reference solutions given bad arguments by code. They are built from the
pieces of ``core``:

- ``call(fn, *args)`` runs learner code on fresh copies of its arguments, under a time limit
  that ``except Exception`` cannot swallow; it turns the stub's ``NotImplementedError`` into
  "not attempted yet", a helper that is still a stub into a message naming it, any other
  exception into one line quoting the learner's own code, and an argument changed in place
  into a message naming the argument;
- ``array_result``, ``number_result``, ``unpack`` and ``typed_array`` validate what came back
  (type, shape, dtype, finiteness, the order of a pair) before anything converts it;
- ``compare`` explains the first way a result is wrong, with tolerances that follow the
  learner's dtype; ``close`` and ``differ`` recognise one specific mistake;
- ``loop_free`` catches a Python loop over the examples by counting the learner's own lines;
- ``number``, ``whole_number`` and ``choice`` check values typed by hand and option letters
  ("b", "B" and " b " alike; a list or a number gets a message);
- ``show`` and ``kind`` put values into words (0.9, not np.float64(0.9)).
"""

from nnbook.checks.core import (  # noqa: F401 (re-exported: the public surface of the package)
    CheckFailed,
    Feedback,
    NotAttempted,
    TimeUp,
    array_result,
    call,
    checker,
    choice,
    close,
    compare,
    differ,
    fresh_rng,
    kind,
    loop_free,
    number,
    number_result,
    run_checker,
    show,
    typed_array,
    typed_number,
    unpack,
    whole_number,
)
