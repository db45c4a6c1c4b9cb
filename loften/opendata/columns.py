"""The published data set: its tables and what every column means.

This catalogue is the one place the columns are described. The bulk files (CSV,
JSON, Excel), the /data/ page, the API's field descriptions and
docs/open-data.md are all made from it, so they cannot drift apart.
"""

from dataclasses import dataclass

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

INTEGER = "integer"
DECIMAL = "decimal"
TEXT = "text"
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"
LIST = "list"

TYPE_DESCRIPTIONS = {
    INTEGER: _("whole number"),
    DECIMAL: _("decimal number, with a dot before the decimals"),
    TEXT: _("text"),
    BOOLEAN: _("true or false"),
    DATE: _("date, YYYY-MM-DD"),
    DATETIME: _("date and time in ISO 8601 with the time zone"),
    LIST: _("list of texts; in CSV separated by a semicolon and a space"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: LazyText | str
    nullable: bool = False
    # "table.column" that every value of this column is found in (for a list,
    # every item), or "" when the column refers to nothing.
    references: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    description: LazyText | str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _c(name, type_, description, nullable=False, references="") -> Column:
    return Column(name, type_, description, nullable, references)


UPDATED_AT = _c(
    "updated_at",
    DATETIME,
    _(
        "When the publication that last changed this row was made. Rows that a "
        "new publication leaves unchanged keep their time."
    ),
)

TABLES: tuple[Table, ...] = (
    Table(
        "police_regions",
        _("The Swedish Police Authority's seven regions."),
        (
            _c("id", INTEGER, _("Stable identifier of the police region.")),
            _c("name", TEXT, _("Name of the region, e.g. Öst.")),
            _c("slug", TEXT, _("The name as used in web addresses.")),
        ),
    ),
    Table(
        "counties",
        _("The 21 counties (län)."),
        (
            _c("code", TEXT, _("The county's two-digit code from SCB, e.g. 06.")),
            _c("name", TEXT, _("Name of the county.")),
            _c(
                "police_region_id",
                INTEGER,
                _("The police region it belongs to."),
                references="police_regions.id",
            ),
        ),
    ),
    Table(
        "municipalities",
        _("The 290 municipalities (kommuner)."),
        (
            _c(
                "code",
                TEXT,
                _(
                    "The municipality's four-digit code from SCB (kommunkod); the "
                    "first two digits are the county code."
                ),
            ),
            _c("name", TEXT, _("Name of the municipality, e.g. Nässjö.")),
            _c(
                "county_code",
                TEXT,
                _("The county it lies in."),
                references="counties.code",
            ),
        ),
    ),
    Table(
        "police_areas",
        _(
            "Local police areas (lokalpolisområden), as kept by Löften's "
            "administrators; no official machine-readable list exists."
        ),
        (
            _c("id", INTEGER, _("Stable identifier of the police area.")),
            _c("name", TEXT, _("Name, e.g. Lokalpolisområde Höglandet.")),
            _c(
                "police_region_id",
                INTEGER,
                _("The police region it belongs to."),
                references="police_regions.id",
            ),
            _c("district", TEXT, _("The police district (polisområde), if known.")),
            _c(
                "municipality_codes",
                LIST,
                _("Codes of the municipalities the police area covers."),
                references="municipalities.code",
            ),
        ),
    ),
    Table(
        "focus_areas",
        _(
            "The focus areas (fokusområden) that published activities and "
            "effect measures are grouped by."
        ),
        (
            _c("id", INTEGER, _("Stable identifier of the focus area.")),
            _c("name", TEXT, _("Name, e.g. Trafik.")),
            _c("slug", TEXT, _("The name as used in web addresses.")),
            _c("description", TEXT, _("What the focus area covers.")),
        ),
    ),
    Table(
        "reporting_periods",
        _(
            "The reporting periods of the published promises: every period in "
            "promise_periods, whether its follow-up is published or not, and "
            "every period a follow-up is written for."
        ),
        (
            _c("id", INTEGER, _("Stable identifier of the period.")),
            _c("kind", TEXT, _("tertial, quarter or year.")),
            _c("year", INTEGER, _("The calendar year.")),
            _c(
                "number",
                INTEGER,
                _("1–3 for tertials, 1–4 for quarters, 0 for a whole year."),
            ),
            _c("code", TEXT, _("T1–T3, Q1–Q4, or year for a whole year.")),
            _c("start_date", DATE, _("First day of the period.")),
            _c("end_date", DATE, _("Last day of the period.")),
        ),
    ),
    Table(
        "promises",
        _("The published citizen promises (medborgarlöften), newest version."),
        (
            _c(
                "id",
                INTEGER,
                _("Stable identifier of the promise, the same in every version."),
            ),
            _c("title", TEXT, _("Title of the promise.")),
            _c("slug", TEXT, _("The title as used in web addresses.")),
            _c(
                "status",
                TEXT,
                _("published, or concluded when the promise period is over."),
            ),
            _c("start_date", DATE, _("First day the promise applies.")),
            _c("end_date", DATE, _("Last day the promise applies.")),
            _c(
                "cadence",
                TEXT,
                _("How often it is followed up: tertial, quarter or year."),
            ),
            _c(
                "police_area_id",
                INTEGER,
                _("The police area that made the promise."),
                nullable=True,
                references="police_areas.id",
            ),
            _c(
                "previous_id",
                INTEGER,
                _("The promise this one renews, if any."),
                nullable=True,
                references="promises.id",
            ),
            _c("signing_date", DATE, _("When it was signed."), nullable=True),
            _c(
                "situation_summary",
                TEXT,
                _("The situational picture (lägesbild) behind the promise."),
            ),
            _c(
                "followup_plan",
                TEXT,
                _("How the promise is followed up and which effect measures are used."),
            ),
            _c(
                "version",
                INTEGER,
                _("Number of the published version the row shows."),
            ),
            _c(
                "version_published_at",
                DATETIME,
                _(
                    "When the version the row shows was published. Every "
                    "publication of the promise changes it, also one that only "
                    "removes activities, commitments, indicators or follow-ups, "
                    "which updated_at cannot show."
                ),
            ),
            _c("first_published_at", DATETIME, _("When it was first published.")),
            UPDATED_AT,
        ),
    ),
    Table(
        "promise_municipalities",
        _("Which municipalities each promise is made for (one row per pair)."),
        (
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c(
                "municipality_code",
                TEXT,
                _("The municipality's code."),
                references="municipalities.code",
            ),
        ),
    ),
    Table(
        "promise_periods",
        _(
            "The reporting periods of each promise and whether their follow-up "
            "has been published."
        ),
        (
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c(
                "period_id",
                INTEGER,
                _("The reporting period."),
                references="reporting_periods.id",
            ),
            _c(
                "followup_published",
                BOOLEAN,
                _("Whether the follow-up of the period has been published."),
            ),
        ),
    ),
    Table(
        "signatories",
        _("Who signed each promise, as written in it."),
        (
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c("order", INTEGER, _("Position in the list of signatories.")),
            _c("name", TEXT, _("Name of the person who signed.")),
            _c("title", TEXT, _("Their title, e.g. kommunstyrelsens ordförande.")),
            _c("organisation", TEXT, _("The organisation they signed for.")),
        ),
    ),
    Table(
        "situation_sources",
        _("What each promise's situational picture (lägesbild) is based on."),
        (
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c("order", INTEGER, _("Position in the list of sources.")),
            _c(
                "kind",
                TEXT,
                _(
                    "survey, citizen_dialogue, staff_dialogue, safety_walk, "
                    "crime_statistics, intelligence or other."
                ),
            ),
            _c("title", TEXT, _("Name of the source.")),
            _c("year", INTEGER, _("Year of the source."), nullable=True),
            _c("url", TEXT, _("Link to the source, if public.")),
            _c("note", TEXT, _("What the source showed.")),
        ),
    ),
    Table(
        "commitments",
        _("The promise statements (löften) in each promise."),
        (
            _c("id", INTEGER, _("Stable identifier of the commitment.")),
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c("order", INTEGER, _("Position in the promise.")),
            _c("text", TEXT, _("The statement, e.g. Vi ska öka tryggheten i centrum.")),
            UPDATED_AT,
        ),
    ),
    Table(
        "activities",
        _("What the parties will do, with who is responsible and the target."),
        (
            _c("id", INTEGER, _("Stable identifier of the activity.")),
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c(
                "commitment_id",
                INTEGER,
                _("The commitment it carries out, if any."),
                nullable=True,
                references="commitments.id",
            ),
            _c(
                "focus_area_id",
                INTEGER,
                _("The focus area it belongs to, if any."),
                nullable=True,
                references="focus_areas.id",
            ),
            _c("order", INTEGER, _("Position in the promise.")),
            _c("text", TEXT, _("What is to be done.")),
            _c("responsible_police", BOOLEAN, _("Whether the police are responsible.")),
            _c(
                "responsible_municipality",
                BOOLEAN,
                _("Whether the municipality is responsible."),
            ),
            _c(
                "partners",
                LIST,
                _("Other responsible partners, e.g. a school or an association."),
            ),
            _c(
                "target_comparator",
                TEXT,
                _("at_least, at_most or exactly; empty when there is no target."),
            ),
            _c(
                "target_value",
                INTEGER,
                _("The number in the target, e.g. 10 in at least ten checks."),
                nullable=True,
            ),
            _c("target_unit", TEXT, _("What is counted, e.g. trafikkontroller.")),
            _c(
                "target_scope",
                TEXT,
                _("What the target applies to: per_period, per_year or whole_promise."),
            ),
            _c("place", TEXT, _("Where the activity takes place, if stated.")),
            UPDATED_AT,
        ),
    ),
    Table(
        "followups",
        _("What was done for each activity in each published period."),
        (
            _c("id", INTEGER, _("Stable identifier of the follow-up.")),
            _c("activity_id", INTEGER, _("The activity."), references="activities.id"),
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c(
                "period_id",
                INTEGER,
                _("The reporting period."),
                references="reporting_periods.id",
            ),
            _c("period_code", TEXT, _("T1–T3, Q1–Q4 or year.")),
            _c("year", INTEGER, _("The year of the period.")),
            _c(
                "status",
                TEXT,
                _("The status in the municipality's own words, e.g. Genomfört."),
            ),
            _c(
                "status_category",
                TEXT,
                _(
                    "The status as a fixed category: done, partly_done, ongoing, "
                    "planned, not_done or not_applicable; empty if none was given."
                ),
            ),
            _c("text", TEXT, _("What was done, in the parties' words.")),
            _c(
                "quantity",
                INTEGER,
                _("How many times it was done in the period, if counted."),
                nullable=True,
            ),
            _c(
                "hours",
                DECIMAL,
                _("Hours spent in the period, if recorded."),
                nullable=True,
            ),
            _c(
                "running_total",
                INTEGER,
                _(
                    "The figure compared with the target at this period: the "
                    "running total so far in the year for a per-year target "
                    "(hittills i år), so far in the promise for a whole-promise "
                    "target, the period's own quantity for a per-period target. "
                    "quantity is always the period's own figure. Empty when "
                    "there is no target or no quantity."
                ),
                nullable=True,
            ),
            _c(
                "target_value",
                INTEGER,
                _(
                    "The target's number in force when this period's follow-up "
                    "was published; it differs from the activity's target_value "
                    "when the target was changed later. Empty without a target."
                ),
                nullable=True,
            ),
            _c(
                "target_met",
                BOOLEAN,
                _(
                    "Whether the target was met by this period, counted as the "
                    "target says (per period, per year or for the whole promise); "
                    "empty when there is no target or no quantity."
                ),
                nullable=True,
            ),
            _c(
                "target_final",
                BOOLEAN,
                _(
                    "Whether the figure compared with the target is final: no "
                    "later period of the target's span adds to it. An at-most or "
                    "exactly target counts as met only when it is; an at-least "
                    "target reached is met whatever comes later. Empty when "
                    "there is no target or no quantity."
                ),
                nullable=True,
            ),
            UPDATED_AT,
        ),
    ),
    Table(
        "indicators",
        _("Effect measures (effektmått) that each promise follows."),
        (
            _c("id", INTEGER, _("Stable identifier of the indicator.")),
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c(
                "focus_area_id",
                INTEGER,
                _("The focus area it measures, if any."),
                nullable=True,
                references="focus_areas.id",
            ),
            _c("order", INTEGER, _("Position in the promise.")),
            _c("name", TEXT, _("What is measured.")),
            _c("description", TEXT, _("More about the measure.")),
            _c("source", TEXT, _("Where the figures come from, e.g. NTU.")),
            _c("unit", TEXT, _("Unit of the values, e.g. percent or antal.")),
            _c(
                "direction",
                TEXT,
                _("Which way is better: decrease or increase."),
            ),
            UPDATED_AT,
        ),
    ),
    Table(
        "indicator_values",
        _("The measured value of each indicator per year."),
        (
            _c("id", INTEGER, _("Stable identifier of the value.")),
            _c(
                "indicator_id", INTEGER, _("The indicator."), references="indicators.id"
            ),
            _c("promise_id", INTEGER, _("The promise."), references="promises.id"),
            _c("year", INTEGER, _("The year measured.")),
            _c("value", DECIMAL, _("The measured value, in the indicator's unit.")),
            _c("note", TEXT, _("A note on the value.")),
            UPDATED_AT,
        ),
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}


def describe(table: str, column: str) -> LazyText | str:
    """The description of one column, for reuse in the API's documentation."""
    for each in TABLES_BY_NAME[table].columns:
        if each.name == column:
            return each.description
    raise KeyError(f"{table}.{column}")


LICENCE_NAME = "CC0 1.0 Universal"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_TEXT = _(
    "The published data in Löften is dedicated to the public domain under "
    "CC0 1.0: you may copy, change, share and use it for any purpose, also "
    "commercially, without asking and without naming the source. Naming the "
    "municipality and the police area as the source is appreciated."
)


# --- docs/open-data.md ----------------------------------------------------------

DOCS_START = "<!-- columns: generated by `loften open_data_columns --write` -->"
DOCS_END = "<!-- /columns -->"


def columns_markdown() -> str:
    """The catalogue as Markdown, as it appears in docs/open-data.md (in English)."""
    from django.utils import translation

    lines: list[str] = []
    with translation.override("en"):
        lines += ["### Types of values", "", "| type | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {text} |" for name, text in TYPE_DESCRIPTIONS.items()]
        for table in TABLES:
            lines += ["", f"### `{table.name}`", "", str(table.description), ""]
            lines += ["| column | type | description |", "|---|---|---|"]
            for column in table.columns:
                kind = f"`{column.type}`" + (
                    ", may be empty" if column.nullable else ""
                )
                description = str(column.description)
                if column.references:
                    description += f" Refers to `{column.references}`."
                lines.append(f"| `{column.name}` | {kind} | {description} |")
    return "\n".join(lines) + "\n"


def docs_with_columns(document: str) -> str:
    """`document` with the generated section between the markers replaced."""
    start = document.index(DOCS_START) + len(DOCS_START)
    end = document.index(DOCS_END)
    return f"{document[:start]}\n{columns_markdown()}{document[end:]}"
