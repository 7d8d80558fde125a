"""HTML of the archived (pre-2019) site: table-layout movie pages and 100-a-page yearly charts.

Modelled on ../shared/realpages/old_movie_themaster.html and old_weekend_chart_2014-12-05.html.
"""

from __future__ import annotations

from datetime import date
from html import escape

from boxoffice.parsing import ReleaseRecord
from mocksite.data import Release

CHART_PAGE_SIZE = 100
_CURRENT = ' class="nav_tab_current"'
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_LEFT_NAV = "".join(
    f"<li class='nl_link'><a href=\"/{part}/\">{label}</a></li>\n"
    for part, label in (
        ("news", "News"),
        ("schedule", "Release Sched."),
        ("daily", "Daily"),
        ("weekend", "Weekend"),
        ("weekly", "Weekly"),
        ("monthly", "Monthly"),
        ("quarterly", "Quarterly"),
        ("seasonal", "Seasonal"),
        ("yearly", "Yearly"),
        ("alltime", "All Time"),
        ("intl", "International"),
        ("studio", "Studios"),
        ("people", "People"),
        ("genres", "Genres"),
        ("franchises", "Franchises"),
        ("showdowns", "Showdowns"),
    )
)
# The real old pages carry ~6 KB of ad and analytics script; a stand-in keeps sizes alike.
_AD_SCRIPT = (
    '<script type="text/javascript">\n'
    + "".join(
        f'googletag.cmd.push(function() {{ googletag.defineSlot("/4215/imdb2.bom.{index}", '
        f'[[728, 90]], "ad-slot-{index}").addService(googletag.pubads()); }});\n'
        for index in range(100)
    )
    + "</script>\n"
)


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
        '"http://www.w3.org/TR/html4/loose.dtd">\n<html lang="en">\n<head>\n'
        '<meta http-equiv="Content-type" content="text/html;charset=iso-8859-1">\n'
        f"<title>{escape(title)} - Box Office Mojo</title>\n"
        '<link rel="stylesheet" href="/css/mojo.css?1" type="text/css" media="screen">\n'
        '</head>\n<body>\n<div id="container">\n'
        + _AD_SCRIPT
        + '<div id="hp_banner"><div id="top_links"><div style="float: left">'
        '<a href="/daily/chart/">Daily Box Office</a> | <a href="/weekend/chart/">Weekend Box '
        'Office</a></div></div></div>\n<div id="main">\n<div id="leftnav">\n<ul id="leftnav">\n'
        + _LEFT_NAV
        + '</ul>\n</div>\n<div id="body">\n'
    )


def _foot() -> str:
    return (
        '</div>\n</div>\n<div id="footer"><div id="copyright"><p>&copy; '
        '<a href="http://imdb.com/">IMDb.com</a>, Inc. or its affiliates. All rights reserved.'
        "</p></div></div>\n<!-- Page generated in 0.07 seconds | . -->\n</div>\n</body>\n</html>\n"
    )


def _dollars(amount: int | None) -> str:
    return "n/a" if amount is None else f"${amount:,}"


def _long_date(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _runtime(minutes: int | None) -> str:
    if minutes is None:
        return "N/A"
    hours, rest = divmod(minutes, 60)
    return f"{hours} hrs. {rest} min."


def _budget(amount: int | None) -> str:
    return "N/A" if amount is None else f"${amount // 1_000_000} million"


def _percent(part: int | None, whole: int | None) -> str:
    return f"{100 * part / whole:.1f}%" if part and whole else "&nbsp;"


def _header(record: ReleaseRecord, release: Release) -> str:
    day = release.first_date
    schedule = f"/schedule/?view=bydate&release=theatrical&date={day.isoformat()}&p=.htm"
    cells = (
        (
            f'Distributor: <b><a href="/studio/chart/?studio={release.seed % 997}.htm">'
            f"{escape(record.distributor)}</a></b>"
            if record.distributor
            else "Distributor: <b>N/A</b>",
            f'Release Date: <b><nobr><a href="{schedule}">{_long_date(day)}</a></nobr></b>',
        ),
        (
            f"Genre: <b>{escape(record.genres[0]) if record.genres else 'Unknown'}</b>",
            f"Runtime: <b>{_runtime(record.runtime_minutes)}</b>",
        ),
        (
            f"MPAA Rating: <b>{escape(record.mpaa_rating or 'N/A')}</b>",
            f"Production Budget: <b>{_budget(record.budget)}</b>",
        ),
    )
    rows = "".join(
        f'<tr bgcolor="#ffffff"><td valign="top">{left}</td><td valign="top">{right}</td></tr>'
        for left, right in cells
    )
    return (
        '<center><table border="0" border="0" cellspacing="1" cellpadding="4" bgcolor="#dcdcdc" '
        'width="95%"><tr bgcolor="#ffffff"><td align="center" colspan="2"><font size="4">'
        f"Domestic Total Gross: <b>{_dollars(record.domestic_gross)}</b></font></td></tr>"
        f"{rows}</table>"
    )


def _grosses_box(record: ReleaseRecord, slug: str) -> str:
    world = record.worldwide_gross
    return (
        '<div class="mp_box" id="grosses">\n<div class="mp_box_tab"><b>Total Lifetime Grosses'
        '</b></div>\n<div class="mp_box_content">\n<table border="0" cellspacing="0" '
        'cellpadding="0">\n<tr>\n<td width="40%"><b>Domestic:</b></td>\n'
        f'<td width="35%" align="right">&nbsp;<b>{_dollars(record.domestic_gross)}</b></td>\n'
        f'<td width="25%" align="right">&nbsp;&nbsp;&nbsp;<b>'
        f"{_percent(record.domestic_gross, world)}</b></td>\n</tr>\n<tr>\n"
        f'<td width="40%">+&nbsp;<a href="/movies/?page=intl&id={slug}.htm">Foreign:</a></td>\n'
        f'<td width="35%" align="right">&nbsp;{_dollars(record.international_gross)}</td>\n'
        f'<td width="25%" align="right">&nbsp;&nbsp;&nbsp;'
        f"{_percent(record.international_gross, world)}</td>\n</tr>\n"
        '<tr>\n<td width="100%" colspan="3"><hr></td>\n</tr>\n<tr>\n'
        '<td width="40%">=&nbsp;<b>Worldwide:</b></td>\n'
        f'<td width="35%" align="right">&nbsp;<b>{_dollars(world)}</b></td>\n'
        '<td width="25%">&nbsp;</td>\n</tr>\n</table>\n</div>\n</div>\n'
    )


def _summary_box(record: ReleaseRecord, release: Release, slug: str) -> str:
    day = release.first_date
    parts = [
        '<div class="mp_box" id="summary">\n<div class="mp_box_tab">Domestic Summary</b></div>\n'
        '<div class="mp_box_content">\n<table border="0" cellspacing="0" cellpadding="0">\n'
        '<tr><td align="center" valign="top">Release&nbsp;Dates:</td>\n<td valign="top"><b>'
        f'&nbsp;<a href="/schedule/?view=bydate&release=theatrical&date={day.isoformat()}'
        f'&p=.htm">{_long_date(day)}</a></b></td>\n</tr>\n</table>\n'
    ]
    if record.opening_gross is not None:
        theaters = record.opening_theaters or 1
        parts.append(
            '<table border="0" cellspacing="0" cellpadding="0">\n<tr>\n<td align="center">'
            f'<a href="/weekend/chart/?yr={day.year}&wknd={day.isocalendar()[1]}&p=.htm">'
            f"Opening&nbsp;Weekend:</a></td><td>&nbsp;{_dollars(record.opening_gross)}</td></tr>"
            '\n<tr><td align="center" colspan="2"><font size="2">'
            f"(#{1 + release.seed % 20} rank, {theaters:,} theaters, "
            f"${record.opening_gross // theaters:,} average)</font></td></tr>\n"
            f'<tr><td align="right"><a href="/movies/?page=weekend&id={slug}.htm">'
            "<b>&gt; View All Weekends</b></a></td></tr>\n</table>\n"
        )
    if record.widest_release_theaters is not None:
        parts.append(
            '<table border="0" cellspacing="0" cellpadding="0">\n<tr>\n'
            "<td>Widest&nbsp;Release:</td>\n"
            f"<td>&nbsp;{record.widest_release_theaters:,} theaters</td>\n</tr>\n</table>\n"
        )
    parts.append("</div>\n</div>\n")
    return "".join(parts)


def old_movie_page(release: Release, record: ReleaseRecord) -> str:
    """A movie page of the archived site; record is what it shows (Catalogue.old_record)."""
    slug = record.release_id
    tabs = "".join(
        f"<li{_CURRENT if page == 'main' else ''}>"
        f'<a href="/movies/?page={page}&id={slug}.htm">{label}</a></li>\n'
        for page, label in (
            ("main", "Summary"),
            ("daily", "Daily"),
            ("weekend", "Weekend"),
            ("weekly", "Weekly"),
            ("intl", "Foreign"),
            ("similar", "Similar Movies"),
        )
    )
    return (
        _head(f"{record.title} ({release.year})")
        + '<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top">'
        f'<a href="/movies/?page=media&id={slug}.htm"><img src="/img/posters/{slug}.jpg" '
        'border="1"></a></td>\n<td valign="top" align="center"><br><font face="Verdana" size="6">'
        f"<b>{escape(record.title)}</b></font><br><br>\n"
        + _header(record, release)
        + "</center></td></tr></table>\n"
        '<table cellspacing="0" cellpadding="0" border="0" width="878px"><tr><td>\n'
        f'<ul class="nav_tabs">\n{tabs}</ul>\n<br />\n</td></tr>\n<tr><td>\n'
        '<table border="0" cellspacing="0" cellpadding="0" width="100%"><tr>'
        '<td valign="top" width="434px">\n'
        + _grosses_box(record, slug)
        + _summary_box(record, release, slug)
        + '</td>\n<td valign="top" style="padding-left: 10px;"><div class="mp_box">\n'
        '<div class="mp_box_tab">The Players</div>\n<div class="mp_box_content"><table><tr>'
        '<td valign="top" align="right"><font size="2">Director:</font></td><td><font size="2">'
        f'<a href="/people/chart/?view=Director&id=person{release.seed % 5000}.htm">'
        f"Director {release.seed % 5000}</a></font></td></tr></table></div></div></td>\n"
        "</tr></table>\n</td></tr></table>\n" + _foot()
    )


def _studio(name: str | None) -> str:
    """The old charts' studio abbreviation: 'Warner Bros.' -> 'WB'."""
    if name is None:
        return "n/a"
    return "".join(word[0] for word in name.split() if word[0].isalnum()).upper()


def _month_day(day: date) -> str:
    return f"{day.month}/{day.day}"


def _chart_row(rank: int, release: Release, slug: str) -> str:
    record = release.record
    colour = "#ffffff" if rank % 2 else "#f4f4ff"
    closed = _month_day(release.last_date) if release.last_date < date.today() else "-"
    cells = (
        ("center", str(rank)),
        ("", f'<a href="/movies/?id={slug}.htm"><b>{escape(record.title)}</b></a>'),
        ("", f'<a href="/studio/chart/?studio={release.seed % 997}.htm">'
         f"{escape(_studio(record.distributor))}</a>"),
        ("right", f"<b>{_dollars(record.domestic_gross)}</b>"),
        ("right", f"{record.widest_release_theaters or 0:,}"),
        ("right", _dollars(record.opening_gross)),
        ("right", f"{record.opening_theaters:,}" if record.opening_theaters else "-"),
        ("right", _month_day(release.first_date)),
        ("right", closed),
    )  # fmt: skip
    return (
        f'<tr bgcolor="{colour}">'
        + "".join(
            f'<td{_align(align)}><font size="2">{html}</font></td>\n' for align, html in cells
        )
        + "</tr>\n"
    )


def _align(align: str) -> str:
    return f' align="{align}"' if align else ""


def _pager(year: int, page: int, total: int) -> str:
    pages = max(1, -(-total // CHART_PAGE_SIZE))
    links = []
    for number in range(1, pages + 1):
        first, last = (number - 1) * CHART_PAGE_SIZE + 1, min(number * CHART_PAGE_SIZE, total)
        if number == page:
            links.append(f"<b>#{first}-#{last}</b>")
        else:
            links.append(
                f'<a href="/yearly/chart/?page={number}&view=releasedate&view2=domestic'
                f'&yr={year}&p=.htm">#{first}-#{last}</a>'
            )
    return f'<center><font face="Verdana" size="2"><b>Page:</b> {" | ".join(links)}</font></center>'


def old_year_page(year: int, listed: list[tuple[Release, str]], page: int) -> str | None:
    """One page of the old yearly chart (100 movies, highest gross first); listed pairs each
    release with its slug. None past the last page."""
    start = (page - 1) * CHART_PAGE_SIZE
    if page < 1 or (start >= len(listed) and page > 1):
        return None
    rows = "".join(
        _chart_row(start + offset + 1, release, slug)
        for offset, (release, slug) in enumerate(listed[start : start + CHART_PAGE_SIZE])
    )
    sort = f"/yearly/chart/?view=releasedate&view2=domestic&yr={year}"
    return (
        _head(f"{year} Yearly Box Office Results")
        + '<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td align="center">'
        f'<font face="Verdana" size="5"><b>{year} DOMESTIC GROSSES</b></font><br>'
        '<font face="Verdana" size="3"><b>Total Grosses of All Movies Released in '
        f"{year}</b></font></td></tr></table>\n"
        + _pager(year, page, len(listed))
        + '\n<table border="0" cellpadding="5" cellspacing="1" width="98%">\n'
        '<tr bgcolor="#dcdcdc"><td align="center" rowspan="2"><font size="2">'
        f'<a href="{sort}&sort=rank&order=ASC&p=.htm">Rank</a></font></td>'
        '<td align="center" rowspan="2"><font size="2">'
        f'<a href="{sort}&sort=title&order=ASC&p=.htm">Movie Title</a> (click to view)</font></td>'
        '<td align="center" rowspan="2"><font size="2">Studio</font></td>'
        '<td align="center" colspan="2"><font size="2">Total Gross / Theaters</font></td>'
        '<td align="center" colspan="2"><font size="2">Opening / Theaters</font></td>'
        '<td align="center" colspan="2"><font size="1"><b>Dates</b></font></td></tr>\n'
        '<tr bgcolor="#dcdcdc"><td><font size="1">Gross</font></td><td><font size="1">Thtrs'
        '</font></td><td><font size="1">Opening</font></td><td><font size="1">Thtrs</font></td>'
        '<td><font size="1">Open</font></td><td><font size="1">Close</font></td></tr>\n'
        f"{rows}</table>\n" + _pager(year, page, len(listed)) + _foot()
    )
