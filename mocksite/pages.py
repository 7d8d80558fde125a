"""HTML of each page kind, in the markup of the live site (see ../shared/realpages)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from html import escape

from mocksite.chrome import page_foot, page_head
from mocksite.data import Release

_SVG = (
    '<svg class="mojo-new-window-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\n'
    '        <path d="M24,15.57251l3,3V23.5A3.50424,3.50424,0,0,1,23.5,27H8.5A3.50424,3.50424,0,'
    "0,1,5,23.5V8.5A3.50424,3.50424,0,0,1,8.5,5h4.92755l3,3H8.5a.50641.50641,0,0,0-.5.5v15a.50641"
    '.50641,0,0,0,.5.5h15a.50641.50641,0,0,0,.5-.5Z"/>\n    </svg>'
)
_COUNTRIES = (
    "Argentina",
    "Australia",
    "Austria",
    "Belgium",
    "Brazil",
    "Bulgaria",
    "Chile",
    "China",
    "Colombia",
    "Croatia",
    "Czech Republic",
    "Denmark",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hong Kong",
    "Hungary",
    "Iceland",
    "India",
    "Italy",
    "Japan",
    "Mexico",
    "Netherlands",
    "New Zealand",
    "Norway",
    "Poland",
    "Portugal",
    "Spain",
    "Sweden",
    "United Kingdom",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_DAILY_ROWS = 140


def dollars(amount: int | None) -> str:
    return "&ndash;" if amount is None else f"${amount:,}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_day(day: date) -> str:
    """'Dec 18', as year charts write dates (strftime is slow enough to matter here)."""
    return f"{_MONTHS[day.month - 1]} {day.day}"


def short_date(day: date) -> str:
    """'Dec 18, 2015', as the site writes dates."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _money_span(amount: int | None) -> str:
    return f'<span class="money">{dollars(amount)}</span>' if amount is not None else "&ndash;"


def _gross_block(label_html: str, amount: int | None) -> str:
    return (
        '\n                <div class="a-section a-spacing-none">\n'
        f'                    <span class="a-size-small">\n                                '
        f"{label_html}\n                    </span>\n                    <br/>\n"
        '                    <span class="a-size-medium a-text-bold">\n'
        f"                                {amount}\n                    </span>\n"
        "                </div>"
    )


def _percent(part: int | None, whole: int | None) -> str:
    if not part or not whole:
        return '<span class="percent zero">&ndash;</span>'
    return f'<span class="percent">{round(100 * part / whole, 1):g}%</span>'


def _grosses(release: Release, group: str) -> str:
    record = release.record
    link = f'<a class="a-link-normal" href="/releasegroup/{group}/?ref_=bo_rl_su">'
    world = record.worldwide_gross
    domestic = _gross_block(
        f"Domestic ({_percent(record.domestic_gross, world)})",
        _money_span(record.domestic_gross),
    )
    international = _gross_block(
        f"{link}International ({_percent(record.international_gross, world)})</a>",
        f"{link}{_money_span(record.international_gross)}</a>",
    )
    worldwide = _gross_block(f"{link}Worldwide</a>", f"{link}{_money_span(world)}</a>")
    return (
        '<div class="a-section a-spacing-none mojo-gutter mojo-summary-table">'
        '<div class="a-section a-spacing-none mojo-performance-summary">\n'
        '<div class="a-section a-spacing-none mojo-performance-summary-table">\n'
        '            <h2 class="a-size-large a-text-bold">\n                Grosses\n'
        f"            </h2>{domestic}{international}{worldwide}\n</div>\n</div>"
    )


def _pro_cta(imdb_id: str | None, css: str) -> str:
    if imdb_id is None:
        return f'<div class="a-section {css}"><div class="a-box"><div class="a-box-inner">' + (
            '<span class="imdb-pro-colored-logo"></span></div></div></div>'
        )
    links = "".join(
        f'\n    <br/>\n    <a class="a-link-normal" target="_blank" rel="noopener" '
        f'href="https://pro.imdb.com/title/{imdb_id}/{part}?ref_=mojo_rl_cta_{part}&amp;'
        f'rf=mojo_rl_cta_{part}">{label}</a>'
        for part, label in (
            ("cast", "Cast information"),
            ("filmmakers", "Crew information"),
            ("companycredits", "Company information"),
            ("news", "News"),
            ("boxoffice", "Box office"),
        )
    )
    return (
        f'<div class="a-section {css}">\n<div class="a-box"><div class="a-box-inner">\n'
        f'<span class="imdb-pro-colored-logo"></span>{links}\n</div></div></div>'
    )


def _summary_row(label: str, value_html: str) -> str:
    return (
        f'<div class="a-section a-spacing-none"><span>{label}</span><span>{value_html}</span></div>'
    )


def _runtime(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hr"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def _summary_values(release: Release) -> str:
    record = release.record
    rows = []
    if record.distributor is not None:
        rows.append(
            _summary_row(
                "Distributor",
                f'{escape(record.distributor)}<br/><a class="a-size-small a-link-normal" '
                f'target="_blank" rel="noopener" href="https://pro.imdb.com/company/'
                f'co{release.seed % 999_999:07d}/boxoffice/?area=XDOM&amp;ref_=mojo_rl_su">'
                f"See full company information{_SVG}</a>",
            )
        )
    if record.opening_gross is not None:
        rows.append(
            _summary_row(
                "Opening",
                f"{_money_span(record.opening_gross)}<br/>{record.opening_theaters:,}\n"
                "            theaters",
            )
        )
    if record.budget is not None:
        rows.append(_summary_row("Budget", _money_span(record.budget)))
    first_link = (
        f'<a class="a-link-normal" href="/date/{release.first_date.isoformat()}/?ref_=bo_rl_rl">'
        f"{short_date(release.first_date)}</a>"
    )
    if release.last_date != release.first_date:
        first_link += (
            "\n            -\n            "
            f'<a class="a-link-normal" href="/date/{release.last_date.isoformat()}/?ref_=bo_rl_rl">'
            f"{short_date(release.last_date)}</a>"
        )
    rows.append(_summary_row("Release Date", first_link))
    if record.mpaa_rating is not None:
        rows.append(_summary_row("MPAA", record.mpaa_rating))
    if record.runtime_minutes is not None:
        rows.append(_summary_row("Running Time", _runtime(record.runtime_minutes)))
    if record.genres:
        rows.append(_summary_row("Genres", "\n    \n        ".join(record.genres)))
    days = release.days_in_release
    rows.append(_summary_row("In Release", f"{days} days/{(days + 6) // 7} weeks"))
    rows.append(_summary_row("Widest Release", f"{record.widest_release_theaters:,} theaters"))
    if record.imdb_id is not None:
        rows.append(
            _summary_row(
                "\n                        IMDbPro\n                    ",
                f'<a class="a-link-normal" target="_blank" rel="noopener" '
                f'href="https://pro.imdb.com/title/{record.imdb_id}?ref_=mojo_rl_summary&amp;'
                f'rf=mojo_rl_summary">See more details at IMDbPro{_SVG}</a>',
            )
        )
    return (
        '<div id="mojo-summary-details-discloser" data-target=".mojo-summary-values" '
        'class="a-section a-spacing-none a-spacing-top-base mojo-discloser-button '
        'mojo-discloser with-icon mojo-hidden-from-widescreen"><span>\n                Summary '
        'Details\n            </span></div><div class="a-section a-spacing-none '
        f'mojo-summary-values mojo-hidden-from-mobile">{"".join(rows)}</div>'
    )


@lru_cache(maxsize=16_384)
def _day_cells(day: date, number: int) -> str:
    """The row's date and weekday cells, shared by every release playing that day."""
    href = f"/date/{day.isoformat()}/?ref_=bo_rl_table_{number}"
    return (
        '<tr><td class="a-text-left mojo-header-column mojo-truncate '
        'mojo-field-type-date_interval mojo-sort-column">'
        f'<a class="a-link-normal" href="{href}">{short_date(day)}</a></td>'
        '<td class="a-text-left mojo-field-type-date_interval">'
        f'<a class="a-link-normal" href="{href}">{_WEEKDAYS[day.weekday()]}</a></td>'
    )


_MONEY_CELL = '<td class="a-text-right mojo-field-type-money mojo-estimatable">$'
_DELTA_CELLS = (
    '<td class="a-text-right mojo-field-type-percent_delta mojo-estimatable">-</td>'
    '<td class="a-text-right mojo-field-type-percent_delta mojo-estimatable">-</td>'
    '<td class="a-text-right mojo-field-type-positive_integer mojo-estimatable">'
)


def _daily_rows(release: Release) -> str:
    """The daily table that makes up most of a real release page's size."""
    rng = random.Random(release.seed)
    domestic = release.record.domestic_gross or 0
    days = min(release.days_in_release, _MAX_DAILY_ROWS)
    weights = [0.85**day * (0.7 + 0.6 * rng.random()) for day in range(days)]
    scale = domestic / sum(weights)
    theaters = release.record.widest_release_theaters or 1
    middle = f"</td>{_DELTA_CELLS}{theaters:,}</td>{_MONEY_CELL}"
    to_date = 0
    rows = []
    first = release.first_date
    for index, weight in enumerate(weights):
        daily = int(weight * scale)
        to_date += daily
        rows.append(
            f"{_day_cells(first + timedelta(days=index), index + 1)}"
            f'<td class="a-text-right mojo-field-type-rank">{1 + (index * 7) % 60}</td>'
            f"{_MONEY_CELL}{daily:,}{middle}{daily // theaters:,}</td>{_MONEY_CELL}{to_date:,}"
            f'</td><td class="a-text-right mojo-field-type-positive_integer">{index + 1}</td>'
            '<td class="a-text-right mojo-field-type-boolean hidden">false</td></tr>'
        )
    return "".join(rows)


def _header_cells(columns: tuple[tuple[str, str, str], ...]) -> str:
    return "".join(
        f'<th class="a-text-{align} mojo-field-type-{kind} mojo-sortable-column a-nowrap">'
        f'<span title="{title}">{title}</span>\n            </th>'
        for align, kind, title in columns
    )


_DAILY_COLUMNS = (
    ("left", "date_interval", "Date"),
    ("left", "date_interval", "DOW"),
    ("right", "rank", "Rank"),
    ("right", "money", "Daily"),
    ("right", "percent_delta", "%± YD"),
    ("right", "percent_delta", "%± LW"),
    ("right", "positive_integer", "Theaters"),
    ("right", "money", "Avg"),
    ("right", "money", "To Date"),
    ("right", "positive_integer", "Day"),
)


def release_page(release: Release) -> str:
    record = release.record
    group = f"gr{release.seed % 4_000_000_000}"
    title_link = f"/title/{record.imdb_id}/" if record.imdb_id else f"/releasegroup/{group}/"
    options = "".join(
        f'<option value="/release/rl{(release.seed * (index + 3)) % 4_000_000_000}/">{country}'
        "</option>"
        for index, country in enumerate(_COUNTRIES[: 5 + release.seed % 26])
    )
    tabs = "".join(
        f'<a class="a-size-base a-link-normal mojo-navigation-tab{active}" '
        f'href="/release/{record.release_id}/{part}?ref_=bo_rl_tab#tabs">{label}</a>'
        for active, part, label in (
            (" mojo-navigation-tab-active", "", "Domestic Daily"),
            ("", "weekend/", "Domestic Weekend"),
            ("", "weekly/", "Domestic Weekly"),
        )
    )
    return (
        page_head(record.title, "rl")
        + '<div class="a-section mojo-body aok-relative"><div class="a-section a-spacing-none '
        'mojo-summary"><div class="a-section mojo-heading-summary"><div class="a-fixed-left-grid">'
        '<div class="a-fixed-left-grid-col a-col-right"><h1 class="a-size-extra-large">'
        f'{escape(record.title)}</h1><p class="a-size-medium">A generated film released '
        f"{short_date(release.first_date)}.</p></div></div></div>"
        + _pro_cta(record.imdb_id, "mojo-heading-pro-cta aok-float-right")
        + '</div><div class="a-section mojo-title-release-refiner"><div id="title-summary-refiner"'
        ' class="a-section a-spacing-none mojo-title-release-refiner-option">'
        f'<a class="a-link-normal mojo-title-link" href="{title_link}?ref_=bo_rl_ti">'
        '<span class="mojo-hidden-from-mobile"> Title Summary</span></a></div>'
        '<div id="release-refiner" class="a-section a-spacing-none '
        'mojo-title-release-refiner-option"><select name="release-picker-navSelector" '
        'class="a-native-dropdown">'
        f'<option value="/release/{record.release_id}/" selected>Domestic</option>{options}'
        "</select></div></div>"
        + _grosses(release, group)
        + _pro_cta(record.imdb_id, "a-spacing-top-base mojo-mobile-title-summary-pro-cta")
        + _summary_values(release)
        + '</div></div><div class="mojo-link-bar-internal mojo-flex mojo-flex-h" id="tabs">'
        f'<div class="mojo-tab-container">{tabs}</div>\n    </div>\n'
        '<div class="a-section a-spacing-none a-spacing-top-base"><div id="table" class="a-section '
        'imdb-scroll-table mojo-gutter-sides"><div class="a-section imdb-scroll-table-inner">'
        '<table class="a-bordered a-horizontal-stripes a-size-base a-span12 mojo-body-table '
        f'mojo-table-annotated"><tr>{_header_cells(_DAILY_COLUMNS)}</tr>{_daily_rows(release)}'
        "</table></div></div></div></div>" + page_foot()
    )


def _studio_cell(name: str | None, ref: str) -> str:
    if name is None:
        return '<td class="a-text-left mojo-field-type-studio">-</td>'
    return (
        '<td class="a-text-left mojo-field-type-studio"><a class="a-link-normal" '
        f'href="https://pro.imdb.com/company/co{abs(hash(name)) % 9_999_999:07d}/boxoffice/'
        f'?view=releases&amp;ref_={ref}" rel="noopener" target="_blank">{escape(name)}'
        f"{_SVG}</a></td>"
    )


_YEAR_COLUMNS = (
    ("right", "rank", "Rank"),
    ("left", "release", "Release"),
    ("right", "money", "Gross"),
    ("right", "positive_integer", "Theaters"),
    ("right", "money", "Total Gross"),
    ("left", "date", "Release Date"),
    ("left", "studio", "Distributor"),
)


def year_gross(release: Release) -> int:
    """What the release grossed within its first calendar year (late releases carry over)."""
    domestic = release.record.domestic_gross or 0
    year_end = date(release.year, 12, 31)
    if release.last_date <= year_end:
        return domestic
    share = (year_end - release.first_date).days / release.days_in_release
    return max(1, int(domestic * (0.5 + share / 2)))


def year_row(rank: int, release: Release, ref: str) -> str:
    record = release.record
    return (
        '<tr><td class="a-text-right mojo-header-column mojo-truncate mojo-field-type-rank '
        f'mojo-sort-column">{rank}</td><td class="a-text-left mojo-field-type-release '
        f'mojo-cell-wide"><a class="a-link-normal" href="/release/{record.release_id}/'
        f'?ref_={ref}_{rank}">{escape(record.title)}</a></td>'
        '<td class="a-text-left mojo-field-type-genre hidden">-</td>'
        '<td class="a-text-right mojo-field-type-money hidden">-</td>'
        '<td class="a-text-right mojo-field-type-duration hidden">-</td>'
        '<td class="a-text-right mojo-field-type-money mojo-estimatable">'
        f"{dollars(year_gross(release))}</td>"
        '<td class="a-text-right mojo-field-type-positive_integer">'
        f"{record.widest_release_theaters:,}</td>"
        '<td class="a-text-right mojo-field-type-money mojo-estimatable">'
        f"{dollars(record.domestic_gross)}</td>"
        f'<td class="a-text-left mojo-field-type-date a-nowrap">{month_day(release.first_date)}'
        "</td>"
        f"{_studio_cell(record.distributor, f'mojo_yld_table_{rank}')}"
        '<td class="a-text-right mojo-field-type-boolean hidden">false</td></tr>'
    )


def _chart_page(title: str, page_id: str, heading: str, columns: str, rows: str) -> str:
    return (
        page_head(title, page_id)
        + '<div class="a-section mojo-body aok-relative"><h1 class="mojo-gutter">'
        f"{heading}</h1>"
        '<div id="table" class="a-section imdb-scroll-table mojo-gutter-sides">'
        '<div class="a-section imdb-scroll-table-inner"><table class="a-bordered '
        "a-horizontal-stripes a-size-base a-span12 mojo-body-table mojo-table-annotated "
        f'mojo-body-table-compact"><tr>{columns}</tr>{rows}</table></div></div></div>' + page_foot()
    )


def year_page(year: int, releases: list[Release]) -> str:
    """The year chart: one table, every listed release, highest gross first."""
    rows = "".join(year_row(rank, r, "bo_yld_table") for rank, r in enumerate(releases, 1))
    heading = f"Domestic Box Office For {year}"
    return _chart_page(heading, "yld", heading, _header_cells(_YEAR_COLUMNS), rows)


_DATE_COLUMNS = (
    ("right", "rank", "TD"),
    ("right", "positive_integer", "YD"),
    ("left", "release", "Release"),
    ("right", "money", "Daily"),
    ("right", "percent_delta", "%± YD"),
    ("right", "percent_delta", "%± LW"),
    ("right", "positive_integer", "Theaters"),
    ("right", "money", "Avg"),
    ("right", "money", "To Date"),
    ("right", "positive_integer", "Days"),
    ("left", "release_studios", "Distributor"),
)


def _date_row(rank: int, release: Release, day: date) -> str:
    record = release.record
    days = (day - release.first_date).days + 1
    theaters = record.widest_release_theaters or 1
    daily = max(1, int((record.domestic_gross or 0) * 0.85**days / 6))
    to_date = min(record.domestic_gross or 0, daily * days * 3)
    studio = _studio_cell(record.distributor, f"mojo_da_table_{rank}").replace(
        "mojo-field-type-studio", "mojo-field-type-release_studios"
    )
    return (
        '<tr><td class="a-text-right mojo-header-column mojo-truncate mojo-field-type-rank '
        f'mojo-sort-column">{rank}</td><td class="a-text-right mojo-field-type-positive_integer">'
        f'{"-" if days == 1 else rank + 1}</td><td class="a-text-left mojo-field-type-release '
        f'mojo-cell-wide"><a class="a-link-normal" href="/release/{record.release_id}/'
        f'?ref_=bo_da_table_{rank}">{escape(record.title)}</a></td>'
        f'<td class="a-text-right mojo-field-type-money mojo-estimatable">${daily:,}</td>'
        '<td class="a-text-right mojo-number-delta mojo-field-type-percent_delta '
        'mojo-estimatable">-</td><td class="a-text-right mojo-number-delta '
        'mojo-field-type-percent_delta mojo-estimatable">-</td>'
        '<td class="a-text-right mojo-field-type-positive_integer mojo-estimatable">'
        f"{theaters:,}</td>"
        '<td class="a-text-right mojo-field-type-money mojo-estimatable">'
        f"${daily // theaters:,}</td>"
        f'<td class="a-text-right mojo-field-type-money mojo-estimatable">${to_date:,}</td>'
        f'<td class="a-text-right mojo-field-type-positive_integer">{days}</td>'
        f"{studio}"
        '<td class="a-text-right mojo-field-type-boolean hidden">'
        f"{'true' if days == 1 else 'false'}</td>"
        '<td class="a-text-right mojo-field-type-boolean hidden">false</td></tr>'
    )


def date_page(day: date, releases: list[Release]) -> str:
    """The daily chart: the releases playing that day, with their days in release."""
    rows = "".join(_date_row(rank, r, day) for rank, r in enumerate(releases, 1))
    heading = f"Domestic Box Office For {short_date(day)}"
    return _chart_page(heading, "da", heading, _header_cells(_DATE_COLUMNS), rows)


def not_found_page() -> str:
    return (
        page_head("Page Not Found", "404")
        + '<div class="a-section mojo-body"><h1>Page Not Found</h1>'
        "<p>The page you requested does not exist.</p></div>" + page_foot()
    )


ROBOTS_TXT = """User-agent: *
Disallow: /search/
Disallow: /showdown/
Disallow: /_truth/
Crawl-delay: 0
"""
