"""Writes for promises and their parts, one module per subject.

- `plan`: what every change to a plan shares: the edit right, the new revision,
  and saving, deleting and moving an ordered part (written once for all kinds);
- `promise`: creating, changing and deleting a promise;
- `parts`: commitments, signatories and the lägesbild's sources;
- `activities`: activities and the shared focus areas;
- `indicators`: effect measures and their yearly values;
- `renewal`: starting next period's promise from this one.

Every function checks the actor's rights (an actor of None is the system itself:
migrations, the example data and command-line imports), validates, changes the
data and writes the audit entry in one transaction. Any change to the plan bumps
the promise's revision, so approvals given earlier no longer count.
"""
