"""The test suite keeps a module's grouped tests on one worker.

`make test` runs with `--dist loadgroup`: tests marked `xdist_group` go to one
worker, so data a module builds once is built once. pytest-xdist passes the
group to its scheduler in the test's node id; pytest 9.2 stopped taking that
change (pytest-xdist issue 1386) and every group was silently spread over the
workers. This test fails if that happens again."""

import pytest

pytestmark = pytest.mark.xdist_group("grouping_check")


def test_a_grouped_test_carries_its_group_to_the_scheduler(request):
    if not request.config.getoption("loadgroup", default=False):
        pytest.skip("the suite runs without `--dist loadgroup` (no workers)")
    assert request.node.nodeid.endswith("@grouping_check")
