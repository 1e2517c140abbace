"""The widget modality's writing strategy for the LLM planner: the plan in one call, then the user's whole table.

A model sees only the rows of a large table that fit in its prompt; a table widget of the user's data should show
all of it, so the full table replaces the excerpt when the columns match.
"""

from __future__ import annotations

from renderers.plan import Plan

from .plan import TableWidget, WidgetPlan


def write_widget(writing) -> Plan:
    plan = writing.one_call()
    table = writing.request.data
    if table is None or not isinstance(plan, WidgetPlan) or not isinstance(plan.widget, TableWidget):
        return plan
    if writing.material.data_rows_shown >= len(table.rows):
        return plan
    if [c.strip().lower() for c in plan.widget.table.columns] != [c.strip().lower() for c in table.columns]:
        return plan
    return plan.model_copy(update={"widget": plan.widget.model_copy(update={"table": table})})
