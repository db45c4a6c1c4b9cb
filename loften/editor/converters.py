"""URL path converter for reporting periods: 2026-t1, 2026-k3, 2026-ar."""

from loften.followups import periods as period_rules

_KINDS = {"t": period_rules.TERTIAL, "k": period_rules.QUARTER}
_LETTERS = {kind: letter for letter, kind in _KINDS.items()}


class PeriodConverter:
    regex = r"\d{4}-(?:t[1-3]|k[1-4]|ar)"

    def to_python(self, value: str) -> period_rules.PeriodKey:
        year, code = value.split("-")
        if code == "ar":
            return period_rules.PeriodKey(int(year), period_rules.YEAR, 0)
        return period_rules.PeriodKey(int(year), _KINDS[code[0]], int(code[1]))

    def to_url(self, value) -> str:
        if value.kind == period_rules.YEAR:
            return f"{value.year}-ar"
        return f"{value.year}-{_LETTERS[value.kind]}{value.number}"
