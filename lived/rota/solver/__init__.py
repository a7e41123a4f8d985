"""The allocation core: no Django imports (enforced by import-linter), OR-Tools underneath.

- Shift assignment without travel (supported living): an exact min-cost-flow core, with the side
  constraints (working-time rules, hours) added by CP-SAT warm-started from it.
- Domiciliary days with travel: vehicle routing with time windows; an adapter reads and writes the
  open UHHC benchmark's format (`python -m lived.rota.solver.uhhc`).
"""
