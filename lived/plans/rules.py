"""Who may do what with support plans. Objects are the Person the plan belongs to.
(The reviews permissions are in lived/reviews/rules.py.)"""

import rules

from lived.accounts.models import MANAGERS
from lived.accounts.predicates import (
    any_care_role,
    is_the_person,
    oversight,
    role_anywhere,
    senior_or_manager,
)

rules.add_perm("plans.view_plan", any_care_role | is_the_person)
rules.add_perm("plans.edit_draft", senior_or_manager)
# The person agrees on their own account; a senior or manager may record it with them. Never a
# support worker on the person's behalf.
rules.add_perm("plans.record_response", senior_or_manager | is_the_person)
rules.add_perm("plans.confirm_read", any_care_role)
rules.add_perm("plans.view_readers", senior_or_manager | oversight)
# Any manager, for a PDF pack of every plan at one of their services (lived/plans/packs.py).
rules.add_perm("plans.request_plan_pack", role_anywhere(*MANAGERS))
