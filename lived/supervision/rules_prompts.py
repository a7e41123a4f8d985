"""Who may do what with prompts (issue 15, items 3 and 4).

- The prompt library (list, add, change, retire): quality leads.
- Prompts at a session (noting what was talked about, attaching library prompts): the supervisor,
  through `supervision.edit_record`; everyone who may read the record sees them.
- Library prompts on a review's agenda: staff who write about the person whose review it is (the
  object is the Review). The person adds to their own agenda on the review page itself.
"""

import rules

from lived.accounts.models import Role
from lived.accounts.predicates import role_anywhere, writes_about_me


@rules.predicate
def writes_about_the_reviews_person(user, review):
    return review is not None and writes_about_me.test(user, review.person)


rules.add_perm("supervision.manage_prompts", role_anywhere(Role.QUALITY_LEAD))
rules.add_perm("supervision.attach_review_prompts", writes_about_the_reviews_person)
