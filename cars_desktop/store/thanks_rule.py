"""Which contributions wait for a thank-you: the one rule, in SQL, for the thank-you queue,
the Contributions list, the labels and the reminders. Apart from `store.contributions` so the
lists read it without the rest of the gifts' code."""

from __future__ import annotations

# When a contribution is thanked: the one rule, used by every way of thanking (Mark as
# thanked, letters, the command line) and by the thank-you queue.
# - A gift received is thanked, and so is a pledge: thanking the promise is the point of "say
#   thank you". A cancelled one is not.
# - A pledge thanked when promised is thanked again when it comes in: `save_contribution`
#   clears its date when it turns into a gift received, and each payment on it is a gift of
#   its own.
THANKABLE_STATUSES = ("received", "pledged")


def awaiting_thanks_sql(alias: str = "c") -> str:
    """The thank-you queue, as an SQL condition on the contribution `alias`: not thanked yet,
    and either received or a pledge nothing has come in on yet (once a payment comes, the
    payment's letter names the pledge). A partner whose details were erased is never
    written to."""
    return (f"{alias}.thanked_on IS NULL AND ({alias}.status = 'received' OR"
            f" ({alias}.status = 'pledged' AND NOT EXISTS (SELECT 1 FROM contribution paid"
            f" WHERE paid.pledge_id = {alias}.id AND paid.status = 'received')))"
            f" AND {alias}.partner_id NOT IN (SELECT id FROM partner"
            " WHERE erased_at IS NOT NULL)")
