"""Chronologies: the events in date order as a TimelineJS timeline (``timeline``) and an
iCalendar feed of all-day entries (``entries``, ``ical``)."""
