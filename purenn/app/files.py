"""Where purenn may write, and how a file is written so that it is never left half done.

The writer itself lives in ``purenn/data/writing.py``, below the figures,
so that a figure saved from a notebook keeps the same promises as a model
saved by the command line; this module is the name the application knows
it by. Every file the command line writes (a model, scores, predictions, a
figure) goes through ``check_output`` twice: once before any work starts,
so that a path that cannot be written is found in a second and not after
hours of training, and again in ``write_atomically``, just before writing.

>>> check_output("/dev/null")
'stream'
>>> check_output("/no/such/folder/model.json")
Traceback (most recent call last):
...
FileNotFoundError: [Errno ...] no such directory: '/no/such/folder'
"""

from purenn.data.writing import PathLike, check_output, stale_temporaries, write_atomically

__all__ = ["PathLike", "check_output", "stale_temporaries", "write_atomically"]
