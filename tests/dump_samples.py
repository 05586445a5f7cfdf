"""Invented article text and site furniture shared by the text-dump metadata tests."""

BRIDGE_BODY = (
    "The city council voted on Tuesday to build a new bridge over the river, ending a "
    "debate that has lasted for more than ten years among residents and planners.\n\n"
    "Construction of the bridge is expected to begin next spring and to take about two "
    "years, the mayor told reporters after the council vote.\n\n"
    "Residents on both banks of the river have asked for a crossing since the old ferry "
    "stopped running, and many of them came to watch the vote.\n\n"
    "The new bridge will carry cyclists and buses as well as cars, and it will be paid "
    "for by the city and by a grant from the regional government.\n"
)
MENU = "Home\nNews\nPolitics\nSport\nCulture\nSearch\n"
