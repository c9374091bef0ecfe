"""The traced graph: the document of graph-format.md, the user's line of
every node, and its evaluation in clear with the format's semantics."""
import json

import numpy as np

from . import _semantics as semantics


class Graph:
    """A traced program in the `shade-graph` format."""

    def __init__(self, document, locations):
        self.document = document
        self.locations = locations

    @property
    def input_names(self):
        return [i["name"] for i in self.document["inputs"]]

    @property
    def output_names(self):
        return list(self.document["outputs"])

    def to_json(self, indent=None):
        """The graph file's text."""
        return json.dumps(self.document, indent=indent)

    def format(self):
        """One line per input and node, with the user's line of each node."""
        lines = []
        for spec in self.document["inputs"]:
            kind = "encrypted" if spec["encrypted"] else "clear"
            lines.append(f"{spec['name']}: {kind} {spec['shape']} in {spec['range']}")
        for node in self.document["nodes"]:
            attrs = {k: v for k, v in node.items() if k not in ("name", "op", "args")}
            if node["op"] == "constant":
                text = f"{node['name']} = constant {node['value']}"
            else:
                shown = ", ".join(node["args"] + [f"{k}={v}" for k, v in attrs.items()])
                text = f"{node['name']} = {node['op']}({shown})"
            location = self.locations.get(node["name"])
            lines.append(f"{text}  # {location}" if location else text)
        lines.append("return " + ", ".join(self.document["outputs"]))
        return "\n".join(lines)

    def __str__(self):
        return self.format()

    def evaluate(self, inputs):
        """Every value of the graph for `inputs` (a dict of integer arrays),
        computed in clear with the format's semantics on int64."""
        values = {name: semantics.as_int64(inputs[name]) for name in self.input_names}
        for node in self.document["nodes"]:
            attrs = {k: v for k, v in node.items() if k not in ("name", "op", "args")}
            if node["op"] == "constant":
                values[node["name"]] = semantics.as_int64(attrs["value"])
                continue
            args = [values[a] for a in node["args"]]
            values[node["name"]] = semantics.evaluate(node["op"], args, attrs)
        return values


def prune(nodes, outputs):
    """`nodes` without those no output depends on."""
    by_name = {node["name"]: node for node in nodes}
    needed, pending = set(), list(outputs)
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        pending.extend(by_name[name].get("args", []) if name in by_name else [])
    return [node for node in nodes if node["name"] in needed]


def values_document(names, values):
    """The values file of graph-format.md for `values` (in `names` order)."""
    return {name: np.asarray(value).astype(np.int64).tolist()
            for name, value in zip(names, values)}
