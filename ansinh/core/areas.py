"""Pages each area app offers, registered by the app itself, so the core never imports it."""

from collections import defaultdict

PAGES = defaultdict(list)


def register_page(area, label, url_name):
    if (label, url_name) not in PAGES[area]:
        PAGES[area].append((label, url_name))
