"""Speed measurements of purenn, run with ``python -m benchmarks`` (see __main__.py).

>>> from benchmarks.others import naive_matmul
>>> naive_matmul([[1.0, 2.0]], [[3.0], [4.0]])
[[11.0]]
"""
