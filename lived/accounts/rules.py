"""Who may confirm a role: managers, for their own services, never for themselves or their own asks.

The page lists only requests at the user's own services (`RoleGrantRequest.objects.for_manager`);
anything else is not found. These rules then decide 403.
"""

import rules

from lived.accounts.predicates import manager_anywhere
from lived.accounts.services import may_decide as decide

is_a_manager = manager_anywhere


@rules.predicate
def may_decide(user, grant_request):
    return grant_request is not None and decide(user, grant_request)


rules.add_perm("accounts.review_role_requests", is_a_manager)
rules.add_perm("accounts.decide_role_request", is_a_manager & may_decide)
