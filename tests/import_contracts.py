"""Import-linter contract types of our own (pyproject.toml [tool.importlinter], run by `make lint`).

The built-in "forbidden" contract names modules by whole dotted parts ("lived.*.views"), so it cannot
say "views_search" or "views_roles" without listing each one by hand. This contract recognises every
views module by its name instead: lived.<app>.views, lived.<app>.views_<anything>, and anything inside
a views package.
"""

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

VIEWS_MODULE = re.compile(r"^lived\.(?P<app>\w+)\.views(?:_\w+)?(?:\..+)?$")


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "lived" else None


class ViewsOfOtherAppsContract(Contract):
    """No module of one app imports a views module of another app.

    Options:
        - allowed_importers: modules (with everything inside them) that may import any app's views;
          the URLconf, which must.
        - shared_views: views modules (with everything inside them) that any app may import, should
          one ever be meant as a base for other apps' pages. Each needs a comment saying why.
    """

    type_name = "views_of_other_apps"

    allowed_importers = fields.ListField(subfield=fields.StringField(), required=False)
    shared_views = fields.ListField(subfield=fields.StringField(), required=False)

    @staticmethod
    def _within(module: str, names) -> bool:
        return any(module == name or module.startswith(name + ".") for name in names or ())

    def _is_allowed(self, importer: str) -> bool:
        return self._within(importer, self.allowed_importers)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        violations = []
        for importer in sorted(graph.modules):
            importer_app = _app_of(importer)
            if importer_app is None or self._is_allowed(importer):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                match = VIEWS_MODULE.match(imported)
                if match is None or match["app"] == importer_app or self._within(imported, self.shared_views):
                    continue
                lines = [
                    detail["line_number"]
                    for detail in graph.get_import_details(importer=importer, imported=imported)
                ]
                violations.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{n}" for n in violation["lines"]) or "line unknown"
            output.print_error(f"{violation['importer']} -> {violation['imported']} ({lines})", bold=False)
            output.new_line()
