"""The computation graph of a Value, drawn: as an SVG figure, and as text for a terminal.

``graph_figure(out)`` draws every node that ``out`` was computed from as a
box holding its ``data`` and ``grad``, flowing left to right towards
``out``. The operation that made a node sits in a small box at its left,
where the arrows from its inputs arrive: the edges into a node are
labelled with its operation. Leaves (inputs, weights, constants: Values
made by hand) are tinted orange, computed nodes blue, and the output green
with a thick border, so the kinds differ in more than colour. Every use
of a Value is an arrow of its own, so that each path from a Value to the
output can be followed: ``a * a`` has two arrows from ``a``, and an arrow
that skips columns runs through a row of its own there, never behind a box.

A graph of more than ``limit`` nodes (40 unless told) is summarised: the
figure shows the ``limit`` nodes nearest the output, says in its title how
many were left out, and a dashed arrow marked "…" comes into every drawn
node whose inputs were not drawn.

``graph_text(out)`` lists the same graph as a program, one line per node,
each after the nodes it uses (inputs first, the output last): the node's
name, how it was made, its data and its grad. This listing, a *Wengert
list*, is how automatic differentiation was first written down.

Both show numbers to 4 significant digits.

>>> from purenn.autograd import Value
>>> x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
>>> y = (x * w + b).tanh()
>>> y.label = "y"
>>> y.backward()
>>> print(graph_text(y))
x  = leaf       data  2          grad -2.359
w  = leaf       data -3          grad  1.573
v3 = x * w      data -6          grad  0.7864
b  = leaf       data  6.5        grad  0.7864
v5 = v3 + b     data  0.5        grad  0.7864
y  = tanh(v5)   data  0.4621     grad  1
>>> graph_figure(y)
Figure(914 x 305)
"""

from typing import Callable, Dict, List, NamedTuple, Set, Tuple, Union

from purenn.checks import check_count
from purenn.autograd.value import Value, graph_nodes
from purenn.plot.figure import PADDING, Figure, Plot
from purenn.plot.legend import ROW, LegendEntry
from purenn.plot.marks import Arrow, Label, Line, Mark, Polygon
from purenn.plot.scales import LinearScale
from purenn.plot.style import INK, PALETTE, TICK_SIZE, TITLE_SIZE, Style, mix, text_width

__all__ = ["LIMIT", "expression", "graph_figure", "graph_text", "node_names", "short"]

LIMIT = 40
"""How many nodes a figure draws before it summarises: more would not stay readable on a slide."""

LEAF_FILL = mix(PALETTE[1], "#FFFFFF", 0.7)
INNER_FILL = mix(PALETTE[0], "#FFFFFF", 0.82)
OUTPUT_FILL = mix(PALETTE[2], "#FFFFFF", 0.7)

LINE = 20.0
"""The height of a line of text in a box, in px."""

GAP_X = 48.0
"""The room for the arrows between a node and the operation box of the next, in px."""

LEFT_OUT = Style(INK, "4 4", "circle", 1.5)
"""The look of an arrow from inputs that a summarised figure does not draw."""

GAP_Y = 34.0
"""The room between two boxes of a column, the node's name included, in px."""

FUNCTIONS = ("exp", "log", "tanh", "sigmoid", "relu", "softplus")
"""The operations written as a function of their input: tanh(a)."""


def short(x: float) -> str:
    """``x`` to 4 significant digits, never "-0".

    >>> short(0.88079707), short(-0.0), short(12345.0)
    ('0.8808', '0', '1.234e+04')
    """
    text = f"{x:.4g}"
    return "0" if text == "-0" else text


def node_names(nodes: List[Value]) -> Dict[Value, str]:
    """Each node's label, or v1, v2, ... by its place in ``nodes`` when it has none.

    >>> a = Value(1.0, label="a")
    >>> sorted(node_names([a, a.exp()]).values())
    ['a', 'v2']
    """
    return {node: node.label or f"v{k}" for k, node in enumerate(nodes, start=1)}


def expression(node: Value, names: Dict[Value, str]) -> str:
    """How ``node`` was made, in the names of its parents: "x * w", "tanh(v3)", "-a", "v2 ** 2", or "leaf".

    A parent missing from ``names`` (left out of a summary) shows as "…".
    """
    if not node.parents:
        return "leaf"
    operands = [names.get(parent, "…") for parent in node.parents]
    if node.op in FUNCTIONS:
        return f"{node.op}({operands[0]})"
    if node.op == "neg":
        return f"-{operands[0]}"
    if node.op == "**":
        return f"{operands[0]} ** {node.exponent:g}"
    return f" {node.op} ".join(operands)


def _check_root(root: Value, what: str) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"{what} draws a Value's graph, got {root!r:.60} ({type(root).__name__})")


def graph_text(root: Value, limit: int = 60) -> str:
    """The graph of ``root`` as a listing: one line per node, parents first; at most ``limit`` lines of nodes.

    A longer listing keeps its first and last ``limit // 2`` nodes and says
    how many lie between.
    """
    _check_root(root, "graph_text")
    check_count(limit, "limit")
    nodes = graph_nodes(root)
    names = node_names(nodes)
    width = max(len(name) for name in names.values())
    made = [f"{names[node]:<{width}} = {expression(node, names)}" for node in nodes]
    room = max(len(text) for text in made) + 3
    rows = [f"{text:<{room}}data {_signed(node.data):<11} grad {_signed(node.grad)}" for text, node in zip(made, nodes)]
    if len(rows) > limit:
        half = max(limit // 2, 1)
        rows = rows[:half] + [f"... {len(rows) - 2 * half} more nodes ..."] + rows[-half:]
    return "\n".join(rows)


def _signed(x: float) -> str:
    """``short(x)`` with a space where a minus sign would be, so that columns of numbers line up."""
    text = short(x)
    return text if text.startswith("-") else " " + text


def nearest(root: Value, limit: int) -> Set[Value]:
    """The ``limit`` nodes nearest ``root``, breadth first from it along the parents (root included)."""
    kept = {root}
    frontier = [root]
    while frontier and len(kept) < limit:
        following = []
        for node in frontier:
            for parent in node.parents:
                if parent not in kept and len(kept) < limit:
                    kept.add(parent)
                    following.append(parent)
        frontier = following
    return kept


class Bend:
    """Where an edge that skips columns crosses one of them: it takes a row there, so that no box hides it."""

    __slots__ = ("column",)

    def __init__(self, column: int) -> None:
        self.column = column


Spot = Union[Value, Bend]
"""What takes a row of a column: a node's box, or an edge passing through."""


class Edge(NamedTuple):
    """An arrow from ``parent``'s box into the operation box of ``child``, its ``slot``-th input."""

    parent: Value
    child: Value
    slot: int
    bends: Tuple[Bend, ...]


def _columns(order: List[Value], kept: Set[Value]) -> Dict[Value, int]:
    """Each node's column: the output in the last, every other node one left of the leftmost node it feeds."""
    steps_to_root: Dict[Value, int] = {order[-1]: 0}
    for node in reversed(order):
        for parent in node.parents:
            if parent in kept:
                steps_to_root[parent] = max(steps_to_root.get(parent, 0), steps_to_root[node] + 1)
    last = max(steps_to_root.values())
    return {node: last - steps_to_root[node] for node in order}


def _edges(order: List[Value], kept: Set[Value], column: Dict[Value, int]) -> List[Edge]:
    """Every drawn edge, with a bend in each column it crosses between its two ends."""
    return [Edge(parent, node, slot, tuple(Bend(c) for c in range(column[parent] + 1, column[node])))
            for node in order for slot, parent in enumerate(node.parents) if parent in kept]


def _rows(order: List[Value], edges: List[Edge], column: Dict[Value, int]) -> Dict[Spot, float]:
    """Each spot's row, column by column from the output leftwards, near the rows of the spots it feeds."""
    feeds: Dict[Spot, List[Spot]] = {node: [] for node in order}
    place: Dict[Spot, int] = {node: k for k, node in enumerate(order)}
    where: Dict[Spot, int] = {node: column[node] for node in order}
    for edge in edges:
        path: List[Spot] = [edge.parent]
        path += edge.bends
        path.append(edge.child)
        for bend in edge.bends:
            feeds[bend] = []
            place[bend] = place[edge.child]
            where[bend] = bend.column
        for here, there in zip(path, path[1:]):
            feeds[here].append(there)
    spots: List[Spot] = list(order)
    spots += [bend for edge in edges for bend in edge.bends]
    row: Dict[Spot, float] = {}
    for c in range(max(column.values()), -1, -1):
        members = [spot for spot in spots if where[spot] == c]
        wanted = {spot: (sum(row[child] for child in feeds[spot]) / len(feeds[spot]) if feeds[spot] else 0.0)
                  for spot in members}
        members.sort(key=lambda spot: (wanted[spot], place[spot]))
        placed: List[float] = []
        for spot in members:  # one row apart at least, in the wanted order
            placed.append(wanted[spot] if not placed else max(wanted[spot], placed[-1] + 1.0))
        shift = sum(wanted[spot] - at for spot, at in zip(members, placed)) / len(members)
        for spot, at in zip(members, placed):
            row[spot] = at + shift
    top = min(row.values())
    return {spot: at - top for spot, at in row.items()}


def _spread(count: int, room: float) -> List[float]:
    """``count`` offsets from a middle, at most 10 px apart and all within ±``room``/2: where edges meet a box.

    >>> _spread(1, 40.0), _spread(2, 40.0), _spread(3, 8.0)
    ([0.0], [-5.0, 5.0], [-4.0, 0.0, 4.0])
    """
    if count == 1:
        return [0.0]
    gap = min(10.0, room / (count - 1))
    return [(k - (count - 1) / 2) * gap for k in range(count)]


def _box(left: float, top: float, width: float, height: float, fill: str, border: Style, name: str) -> Polygon:
    """A rectangle in the figure's px, y upwards as data units are (so ``top`` is the larger y)."""
    return Polygon([left, left + width, left + width, left], [top, top, top - height, top - height], border, fill, name)


def graph_figure(root: Value, limit: int = LIMIT, title: str = "The computation graph") -> Figure:
    """The graph of ``root``: a box per node with its data and grad, arrows into each node's operation.

    Draws at most ``limit`` nodes: beyond, the nodes nearest ``root``, and
    the title says how many were left out. The figure's size follows the
    graph's: about 290 px per column and 80 px per row.
    """
    _check_root(root, "graph_figure")
    check_count(limit, "limit")
    everything = graph_nodes(root)
    kept = nearest(root, limit) if len(everything) > limit else set(everything)
    order = [node for node in everything if node in kept]
    names = node_names(everything)
    left_out = len(everything) - len(order)
    if left_out:
        title = f"{title}: the {len(order)} nodes nearest the output ({left_out} of {len(everything)} left out)"
    column = _columns(order, kept)
    edges = _edges(order, kept, column)
    row = _rows(order, edges, column)

    lines = {node: (f"data {short(node.data)}", f"grad {short(node.grad)}") for node in order}
    box_width = max(text_width(text, TICK_SIZE) for pair in lines.values() for text in pair) + 16
    box_height = 2 * LINE + 8
    op_width = max([text_width(_op_text(node), TICK_SIZE) + 14 for node in order if node.parents] + [0.0])
    column_width = op_width + 16 + box_width + GAP_X
    row_height = box_height + GAP_Y
    content_width = (max(column.values()) + 1) * column_width - GAP_X
    content_height = (max(row.values()) + 1) * row_height

    def box_left(node: Value) -> float:
        return column[node] * column_width + op_width + 16

    def middle(spot: Spot) -> float:  # y in data units: 0 at the top, downwards negative
        return -(row[spot] * row_height + GAP_Y - 6 + box_height / 2)

    start, end = _edge_ends(edges, middle, box_height)

    marks: List[Mark] = []
    arrow = Style(INK, "", "circle", 1.5)
    for edge in edges:
        points = [(box_left(edge.parent) + box_width, start[edge])]
        for bend in edge.bends:  # straight through each column it crosses, in a row of its own
            points += [(bend.column * column_width, middle(bend)),
                       (bend.column * column_width + op_width + 16 + box_width, middle(bend))]
        if len(points) > 1:
            marks.append(Line([x for x, _ in points], [y for _, y in points], arrow))
        marks.append(Arrow(points[-1], (box_left(edge.child) - 16 - op_width, end[edge]), arrow, "edge"))
    for node in order:
        x0, y = box_left(node), middle(node)
        if node.parents:
            op_left = x0 - 16 - op_width
            marks.append(_box(op_left, y + LINE / 2 + 2, op_width, LINE + 4, "#FFFFFF", Style(INK, "", "circle", 1.0),
                              "operation"))
            marks.append(Label(op_left + op_width / 2, y, _op_text(node), TICK_SIZE))
            marks.append(Arrow((op_left + op_width, y), (x0, y), arrow, "edge"))
            if any(parent not in kept for parent in node.parents):
                outside = (op_left - GAP_X + 8, y)
                marks.append(Arrow(outside, (op_left, y), LEFT_OUT, "left-out"))
                marks.append(Label(outside[0] + (GAP_X - 8) / 2, y, "…", TICK_SIZE, dy=-12))
        fill = OUTPUT_FILL if node is root else (INNER_FILL if node.parents else LEAF_FILL)
        border = Style(INK, "", "circle", 3.0 if node is root else 1.2)
        marks.append(_box(x0, y + box_height / 2, box_width, box_height, fill, border, "node"))
        marks.append(Label(x0 + 8, y + LINE / 2, lines[node][0], TICK_SIZE, "start"))
        marks.append(Label(x0 + 8, y - LINE / 2, lines[node][1], TICK_SIZE, "start"))
        marks.append(Label(x0 + 2, y + box_height / 2 + 12, names[node], TICK_SIZE, "start"))
    return _framed(marks, title, left_out, content_width, content_height)


def _edge_ends(
    edges: List[Edge], middle: Callable[[Spot], float], box_height: float,
) -> Tuple[Dict[Edge, float], Dict[Edge, float]]:
    """Where each edge leaves its parent's box and enters its child's operation box (y in data units, from
    ``middle``, the y of a box's middle), so that no two coincide: the start and the end of every edge."""
    leaving: Dict[Value, List[Edge]] = {}
    for edge in edges:
        leaving.setdefault(edge.parent, []).append(edge)
    start: Dict[Edge, float] = {}
    for parent, out in leaving.items():
        out.sort(key=lambda edge: (-middle(edge.bends[0] if edge.bends else edge.child), edge.slot))
        for edge, offset in zip(out, _spread(len(out), box_height - 16)):
            start[edge] = middle(parent) - offset
    arriving: Dict[Value, List[Edge]] = {}
    for edge in edges:
        arriving.setdefault(edge.child, []).append(edge)
    end: Dict[Edge, float] = {}
    for child, into in arriving.items():  # the edge from highest up arrives highest, so that none cross there
        into.sort(key=lambda edge: (-middle(edge.bends[-1]) if edge.bends else -start[edge], edge.slot))
        for edge, offset in zip(into, _spread(len(into), LINE - 4)):
            end[edge] = middle(child) - offset
    return start, end


def _framed(marks: List[Mark], title: str, left_out: int, content_width: float, content_height: float) -> Figure:
    """The drawn graph in its figure: the title, the legend, and room for the arrows of inputs not drawn."""
    legend = [
        LegendEntry("made by hand (a leaf)", Style(LEAF_FILL), "swatch"),
        LegendEntry("made by an operation", Style(INNER_FILL), "swatch"),
        LegendEntry("the output", Style(OUTPUT_FILL), "swatch"),
    ] + ([LegendEntry("inputs not drawn", LEFT_OUT, "line")] if left_out else [])
    room_left = GAP_X if left_out else 0.0  # for the arrows of inputs not drawn, left of the first column
    content_width += room_left
    width = max(content_width, text_width(title, TITLE_SIZE), 640.0 + 180.0 * (left_out > 0)) + 2 * PADDING
    legend_rows = 1 if width >= 700 + 180.0 * (left_out > 0) else 2
    height = PADDING + TITLE_SIZE + 10 + legend_rows * ROW + 8 + 8 + content_height + PADDING
    spare = (width - 2 * PADDING - content_width) / 2  # a narrow graph sits in the middle of a wide title
    x_scale = LinearScale((-room_left - spare, content_width - room_left + spare))
    y_scale = LinearScale((-content_height, 0.0))
    return Figure.of(Plot(x_scale, y_scale, marks, title=title, legend=legend, axes=False), width, height)


def _op_text(node: Value) -> str:
    """The operation as its box shows it: "*", "tanh", "** 2"."""
    if node.op == "**":
        return f"** {node.exponent:g}"
    return "−" if node.op in ("-", "neg") else node.op
