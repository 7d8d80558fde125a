"""The page chrome every BoxOfficeMojo page shares: head, navigation bar and footer."""

from __future__ import annotations

from html import escape

_STYLESHEETS = "".join(
    f'<link rel="stylesheet" href="/static/css/mojo-{index:02d}.css" />\n' for index in range(24)
)
# The real pages carry ~15 KB of inline loader script; a stand-in of the same size keeps page
# sizes (and so transfer and parse costs) like the real site's.
_LOADER_SCRIPT = (
    "<script>\n"
    + "".join(
        f"(function(w,d){{var q{index}=w.ue||{{}};q{index}.t{index}=(new Date()).getTime();"
        f'd.documentElement.setAttribute("data-ld{index}","{index * 7919 % 100_000:05d}");}})'
        "(window,document);\n"
        for index in range(160)
    )
    + "</script>\n"
)
_NAV_LINKS = (
    ("/date/", "Domestic"),
    ("/intl/", "International"),
    ("/year/world/", "Worldwide"),
    ("/calendar/", "Calendar"),
    ("/charts/overall/", "All Time"),
    ("/showdown/", "Showdowns"),
    ("/industry/", "Indices"),
)


def page_head(title: str, page_id: str) -> str:
    """<!doctype> up to the opening of <main>, with the body class the real pages use."""
    nav = "".join(
        f'<a class="a-link-normal mojo-navigation-tab" href="{href}?ref_=bo_nb_{page_id}_tab">'
        f"{label}</a>"
        for href, label in _NAV_LINKS
    )
    return (
        '<!doctype html><html class="a-no-js" data-19ax5a9jf="dingo"><head>'
        '<meta charset="utf-8"/><meta name="viewport" content="width=device-width, '
        'initial-scale=1.0" />\n'
        f'<title dir="ltr">{escape(title)} - Box Office Mojo</title>'
        f'<meta content="{escape(title)}" name="title" />\n'
        '<meta content="Box Office Mojo" property="og:site_name" />\n'
        f"{_STYLESHEETS}{_LOADER_SCRIPT}</head>\n"
        f'<body class="a-m-us page-id-{page_id} a-aui_72554-c"><div id="a-page">'
        '<div class="a-section a-spacing-none mojo-navigation-frame">'
        '<div class="a-section a-spacing-none mojo-navigation mojo-header">'
        '<a class="a-link-normal mojo-logo" href="/?ref_=bo_nb_logo">Box Office Mojo</a>'
        f'<div class="mojo-link-bar">{nav}</div></div></div>\n<main>\n'
    )


def page_foot() -> str:
    """</main> to </html>."""
    return (
        '</main>\n<div class="a-section a-spacing-none mojo-navigation-frame">'
        '<div class="a-section a-spacing-none mojo-navigation mojo-footer"><p>\n'
        "            Box Office Mojo by IMDbPro, an IMDb company. Imitation served locally for "
        "offline tests; the data is generated and belongs to no real film.\n"
        "            Box office data may not be reproduced without the written consent of the "
        "owner provided to you.\n"
        "        </p></div></div></div></body></html>"
    )
