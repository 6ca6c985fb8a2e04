"""Pages and the JSON API, one blueprint each."""
