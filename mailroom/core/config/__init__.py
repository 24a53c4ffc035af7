"""Settings and the catalogue of case types and teams."""

from mailroom.core.config.catalogue import REVIEW_QUEUE, CaseType, Catalogue, Team, load_catalogue
from mailroom.core.config.settings import Settings, load_settings

__all__ = [
    "REVIEW_QUEUE",
    "CaseType",
    "Catalogue",
    "Settings",
    "Team",
    "load_catalogue",
    "load_settings",
]
