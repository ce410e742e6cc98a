"""The version of purenn, in one place: ``purenn.__version__`` and ``--version`` both read it.

>>> __version__.count(".")  # major.minor.patch
2
"""

__version__ = "0.1.0"
