"""The rota (C13, issue 14): support sessions, staff, the person's own choices of who supports them,
allocation and every shortfall recorded.

`lived.rota.solver` is the allocation core: plain Python with OR-Tools and no Django (an import
contract in pyproject.toml holds it to that), so it can be tested and benchmarked on its own. The
Django app around it turns sessions, staff and preferences into the solver's input and its answer
back into assignments and shortfalls.
"""
