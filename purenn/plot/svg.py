"""SVG elements as values: a tag, its attributes and its children, written out with escaping.

Every figure is built from ``Element`` values and turned into text in one
place, ``Element.to_xml``, so no drawing code glues strings together and
every attribute and text is escaped the same way. The output is the same
byte for byte on every run and every Python: attributes keep the order they
were given in, and numbers are written by ``number`` with at most two
decimals (a hundredth of a pixel is finer than any screen shows).

>>> print(Element("text", {"x": 10, "y": 20.0}, text="a < b & c").to_xml())
<text x="10" y="20">a &lt; b &amp; c</text>
>>> number(1 / 3), number(-0.001), number(2.50)
('0.33', '0', '2.5')
"""

import re
from typing import List, Mapping, Optional, Sequence, Tuple, Union

__all__ = ["Attribute", "Element", "escape", "number", "points_text"]

Attribute = Union[str, int, float]
"""An attribute's value: text, or a number written with ``number``."""


def number(value: float) -> str:
    """``value`` with at most two decimals and no trailing zeros; never "-0".

    >>> number(12.0), number(0.125), number(-3.999)
    ('12', '0.12', '-4')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters XML 1.0 does not allow anywhere, even escaped: most control characters, lone surrogates..."""


def escape(text: str, quote: bool = False) -> str:
    """``text`` safe inside an XML element (and, with ``quote``, inside a double-quoted attribute).

    A character XML cannot hold at all (an escape character, a NUL, a lone
    surrogate) is written as its Python escape, so that a figure stays
    well-formed XML whatever names the data gave it.

    >>> escape('"5 > 3" & so on', quote=True)
    '&quot;5 &gt; 3&quot; &amp; so on'
    >>> escape("bell\\x07")
    'bell\\\\x07'
    """
    text = _NOT_XML.sub(lambda match: match.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def points_text(points: Sequence[Tuple[float, float]]) -> str:
    """Pixel points as the ``points`` attribute of a polygon: "x1,y1 x2,y2 ...".

    >>> points_text([(0, 1), (2.5, 3)])
    '0,1 2.5,3'
    """
    return " ".join(f"{number(x)},{number(y)}" for x, y in points)


class Element:
    """One SVG element: ``Element(tag, attributes, children, text)``.

    ``attributes`` keep their order; a value of None leaves the attribute
    out, so optional styling reads as one line. ``children`` are Elements,
    ``text`` is the element's own text (for ``<text>`` and ``<title>``).
    """

    __slots__ = ("tag", "attributes", "children", "text")

    def __init__(
        self,
        tag: str,
        attributes: Optional[Mapping[str, Optional[Attribute]]] = None,
        children: Sequence["Element"] = (),
        text: Optional[str] = None,
    ) -> None:
        if not isinstance(tag, str) or (attributes is not None and not isinstance(attributes, Mapping)):
            raise TypeError(f"Element(tag, attributes) takes a str and a dict, got {tag!r:.40} and {attributes!r:.40}")
        if not all(isinstance(child, Element) for child in children) or not isinstance(text, (str, type(None))):
            raise TypeError("an Element's children are Elements and its text a str")
        self.tag = tag
        self.attributes: Tuple[Tuple[str, Attribute], ...] = tuple(
            (name, value) for name, value in (attributes or {}).items() if value is not None
        )
        self.children: Tuple[Element, ...] = tuple(children)
        self.text = text

    def __repr__(self) -> str:
        return f"Element({self.tag!r}, {len(self.attributes)} attributes, {len(self.children)} children)"

    def to_xml(self, depth: int = 0) -> str:
        """The element as XML text, children indented one space per level."""
        pad = " " * depth
        attributes = "".join(f' {name}="{_attribute_text(value)}"' for name, value in self.attributes)
        if not self.children and self.text is None:
            return f"{pad}<{self.tag}{attributes}/>"
        if not self.children:
            return f"{pad}<{self.tag}{attributes}>{escape(self.text or '')}</{self.tag}>"
        lines: List[str] = [f"{pad}<{self.tag}{attributes}>"]
        if self.text is not None:
            lines.append(f"{pad} {escape(self.text)}")
        lines.extend(child.to_xml(depth + 1) for child in self.children)
        lines.append(f"{pad}</{self.tag}>")
        return "\n".join(lines)


def _attribute_text(value: Attribute) -> str:
    if isinstance(value, str):
        return escape(value, quote=True)
    return number(value)
