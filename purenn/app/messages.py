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

import unicodedata
from typing import Callable, NamedTuple, Optional, Tuple

__all__ = ["Message", "Setting", "escaped"]

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The characters that reorder the text around them on a terminal (right-to-left overrides, isolates, marks)."""


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


def escaped(text: str) -> str:
    """``text`` safe to print: control characters and bidirectional overrides written as Python escapes.

    Text from a file (a class name, a column name, a path) is printed only
    through this: an escape sequence in it could otherwise clear the screen
    or recolour it, a newline could forge a line of output (an error that
    is no error), and a right-to-left override could show a name backwards.

    >>> print(escaped("cat\\x1b[2J\\nwarning: forged"), escaped("caf\\u00e9"))
    cat\\x1b[2J\\nwarning: forged café
    """
    if all(unicodedata.category(character) != "Cc" and character not in BIDI_CONTROLS for character in text):
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS else character
        for character in text
    )
