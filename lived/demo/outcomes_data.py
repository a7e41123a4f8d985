"""Fictional demo data for outcomes. `load(context)` is called once, inside the demo's transaction,
after people and support plans exist. `context` is a `lived.demo.loader.DemoContext`."""


def load(context) -> None:
    return None
