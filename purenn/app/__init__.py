"""What runs: the main job, the ``train`` pipeline, model files and the command line.

- ``mainjob.py``: ``python -m purenn``, the article's network on the
  diabetes table, printed as it learns;
- ``pipeline.py``: the steps of ``train`` (split, scale, fit, score), as
  plain functions a script can call;
- ``modelfile.py``: saving and loading trained networks as versioned JSON;
- ``files.py``: writing a file whole or not at all;
- ``messages.py``: warnings that name a setting, as data;
- ``cli/``: the command line, the only part that knows about flags.

May import every layer below it. Nothing imports ``purenn.app.cli``.

>>> from purenn.app import pipeline
>>> pipeline.TrainConfig().epochs
200
"""
