"""Messages that name a setting, kept as data: the library words them in its
own terms, the command line in its flags.

A warning such as "try a smaller learning rate" helps most when it names
the setting to change. The library knows its settings by their Python names
(``learning_rate=0.005``), the command line by its flags
(``--learning-rate 0.005``). So a message keeps every setting it names apart
from its text, and whoever shows the message picks the wording:

>>> message = Message("try a smaller learning rate, such as {}", (Setting("learning_rate", 0.005),))
>>> str(message)
'try a smaller learning rate, such as learning_rate=0.005'
>>> message.text(lambda setting: f"--{setting.name.replace('_', '-')} {setting.value:g}")
'try a smaller learning rate, such as --learning-rate 0.005'
"""

from typing import Callable, NamedTuple, Optional, Tuple

__all__ = ["Message", "Setting"]


class Setting(NamedTuple):
    """A setting a message names: its name as a keyword argument, and a value to try (or None)."""

    name: str
    value: Optional[float] = None

    def __str__(self) -> str:
        """The setting in Python's terms: ``test_size=0``, or the bare name without a value."""
        return self.name if self.value is None else f"{self.name}={self.value:g}"


class Message(NamedTuple):
    """A message with a ``{}`` in its ``template`` for each of its ``settings``, in order."""

    template: str
    settings: Tuple[Setting, ...] = ()

    def text(self, name: Callable[[Setting], str] = str) -> str:
        """The message with each setting written by ``name`` (by default in Python's terms)."""
        return self.template.format(*(name(setting) for setting in self.settings))

    def __str__(self) -> str:
        return self.text()
