"""XML for the XML formats: safe parsing (:mod:`.parse`), one-pass writing (:mod:`.write`)."""
